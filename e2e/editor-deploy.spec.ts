import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { WEB_APP } from './fixtures';

test('paste a Deployment and a Service, apply, and watch the pods run on worker nodes', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(WEB_APP);

  await app.apply();
  await expect(app.applyResult).toHaveAttribute('data-exit-code', '0');
  await expect(app.applyResult).toContainText('deployment.apps/web created');
  await expect(app.applyResult).toContainText('service/web created');
  await expect(app.applyErrors).toHaveCount(0);

  await app.skipUntilQuiet();
  const running = app.pods({ status: 'Running', node: 'worker', namePrefix: 'web-' });
  await expect(running).toHaveCount(3);
  await expect(page.locator('[data-kind=Service][data-name=web]')).toBeVisible();

  // Ctrl+Enter applies too; the same manifests again change nothing, as kubectl says.
  await app.editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.applyResult).toContainText('deployment.apps/web unchanged');
  await expect(app.applyResult).toContainText('service/web unchanged');

  const pods = await app.run('kubectl get pods -o wide');
  expect(pods).toMatch(/^NAME\s+READY\s+STATUS/);
  expect(pods.match(/\bRunning\b/g)).toHaveLength(3);

  await app.screenshot('editor-deploy');
});
