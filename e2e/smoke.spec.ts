import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('the built page draws the cluster first, then the editor, offline and without errors', async ({ page, baseURL }) => {
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // Nothing may come from anywhere but the page's own server: no CDN, no fonts, no telemetry.
  await page.route(
    (url) => !url.href.startsWith(baseURL!) && !['data:', 'blob:'].includes(url.protocol),
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  const app = new PlaygroundPage(page);
  await app.goto();
  await expect(page.locator('[data-kind=Node][data-name=worker-1]')).toBeVisible();
  await expect(app.editor).toContainText('kind: Deployment');
  await app.waitForEditor();
  await expect(app.editor.locator('.view-lines')).toContainText('kind: Deployment');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await app.screenshot('smoke');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
