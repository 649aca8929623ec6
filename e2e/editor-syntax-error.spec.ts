import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { BROKEN } from './fixtures';

test('a YAML syntax error shows its line, marks it in the editor, and applies nothing', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(BROKEN);
  await app.apply();

  await expect(app.applyResult).toHaveAttribute('data-exit-code', '2');
  const problems = app.applyErrors.locator('li');
  await expect(problems.first()).toBeVisible();
  await expect(problems.first()).toContainText('line 12');
  await expect(problems.first()).toContainText('editor.yaml:12:1: yaml: All mapping items must start at the same column');
  // The engine's problem is an error marker at its line (monaco-yaml's own are warnings).
  await expect(app.editor.locator('.squiggly-error').first()).toBeVisible();

  // Nothing at all was applied: not even the valid ConfigMap before the broken document.
  const out = await app.run('get configmap settings');
  expect(out).toContain('Error from server (NotFound): configmaps "settings" not found');
  await expect(page.locator('[data-kind=Deployment]')).toHaveCount(0);

  // Clicking the problem takes the cursor to its line.
  await problems.first().getByRole('button').click();
  await expect(app.editor.locator('.active-line-number')).toHaveText('12');
  await app.screenshot('editor-syntax-error');
});
