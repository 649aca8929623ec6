import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('starters load in one click, never overwrite the user’s text silently, and the cluster can be reset', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.waitForEditor();

  // The first visit holds the web-app starter, so another starter replaces it without asking.
  await page.getByTestId('starters').click();
  await page.getByTestId('starter-daemonset').click();
  await expect(app.editor.locator('.view-lines')).toContainText('kind: DaemonSet');
  await app.apply();
  await expect(app.applyResult).toContainText('daemonset.apps/node-logger created');
  await app.skipUntilQuiet();
  for (const node of ['worker-1', 'worker-2', 'worker-3']) {
    await expect(page.locator(`[data-kind=Pod][data-name^="node-logger-"][data-status=Running][data-node="${node}"]`)).toHaveCount(1);
  }

  // Edited text is the user's own: the starter asks first, and Cancel keeps the text.
  await app.editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# my change\n');
  await page.getByTestId('starters').click();
  await page.getByTestId('starter-statefulset').click();
  const dialog = page.getByTestId('confirm-starter');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('confirm-starter-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(app.editor.locator('.view-lines')).toContainText('# my change');

  await page.getByTestId('starters').click();
  await page.getByTestId('starter-statefulset').click();
  await dialog.getByTestId('confirm-starter-confirm').click();
  await expect(app.editor.locator('.view-lines')).toContainText('kind: StatefulSet');
  // …and the replacement is one undo step away.
  await app.editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Z');
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(app.editor.locator('.view-lines')).toContainText('# my change');
  await expect(app.editor.locator('.view-lines')).toContainText('kind: DaemonSet');

  // A smaller cluster, after a confirmation: the old objects are gone, the editor text stays.
  await page.getByTestId('cluster-menu').click();
  await page.getByTestId('cluster-workers').fill('2');
  await page.getByTestId('cluster-reset').click();
  await page.getByTestId('confirm-reset-confirm').click();
  await expect(page.locator('[data-kind=Node]')).toHaveCount(3);
  await expect(page.locator('[data-kind=Node][data-name=worker-3]')).toHaveCount(0);
  await expect(app.pods()).toHaveCount(0);
  await expect(page.getByTestId('cluster-menu')).toContainText('2 workers');
  await expect(app.editor.locator('.view-lines')).toContainText('# my change');
  await app.screenshot('editor-starters');
});
