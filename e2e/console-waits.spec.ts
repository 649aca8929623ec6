import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { WEB_APP } from './fixtures';

test('a console command that waits (kubectl wait, rollout status) runs the clock to where it returns, and the canvas follows', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(WEB_APP);
  await app.apply();
  // Paused at 0 s: the Deployment's pods are not Running yet.
  await page.getByTestId('pause').click();
  const before = Number(await app.simTime.getAttribute('data-seconds'));
  expect(await app.run('kubectl wait --for=condition=available deployment/web --timeout=60s')).toBe('deployment.apps/web condition met\n');
  await expect.poll(async () => Number(await app.simTime.getAttribute('data-seconds'))).toBeGreaterThan(before);
  await expect(app.pods({ status: 'Running', node: 'worker', namePrefix: 'web-' })).toHaveCount(3);

  expect(await app.run('kubectl set image deployment/web nginx=nginx:1.28')).toBe('deployment.apps/web image updated\n');
  const status = await app.run('kubectl rollout status deployment/web');
  expect(status).toMatch(/^Waiting for deployment spec update to be observed\.\.\.\n/);
  expect(status).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n');
  expect(status.trimEnd().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
  await expect(page.locator('[data-kind=Pod][data-name^="web-"][data-revision="2"][data-status="Running"]')).toHaveCount(3);
  await app.screenshot('console-waits');
});
