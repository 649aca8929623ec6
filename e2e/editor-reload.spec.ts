import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { WEB_APP } from './fixtures';

test('a reload keeps the editor text, even what was typed a moment before, and the cluster', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(WEB_APP);
  await app.apply();
  await app.skipUntilQuiet();
  await expect(app.pods({ status: 'Running', node: 'worker' })).toHaveCount(3);

  // A short edit typed by hand, then an immediate reload: the pagehide flush must save it.
  await app.editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# notes for lesson 3\n');
  await page.reload();

  await expect(app.pods({ status: 'Running', node: 'worker' })).toHaveCount(3);
  // Before Monaco arrives the placeholder shows the saved text; after, Monaco does.
  await expect(app.editor).toContainText('# notes for lesson 3');
  await app.waitForEditor();
  await expect(app.editor.locator('.view-lines')).toContainText('# notes for lesson 3');
  await expect(app.editor).toContainText('kind: Deployment');
  await app.screenshot('editor-reload');
});
