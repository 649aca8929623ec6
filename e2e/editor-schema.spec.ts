import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

const TWO_KINDS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
`;

test('the editor knows each document’s kind: completion, hover docs and schema markers', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(TWO_KINDS);
  const suggestions = page.locator('.suggest-widget .monaco-list-row');

  // In the Service document, spec completes Service fields, not the Deployment's above it.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('  minR');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText('No suggestions');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('sessionA');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(suggestions.filter({ hasText: 'sessionAffinity' }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Enum values complete too.
  await page.keyboard.type('ffinity: ');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(suggestions.filter({ hasText: 'ClientIP' }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.type('Sometimes');

  // In the Deployment document, the same prefix completes the Deployment's field.
  await app.editor.locator('.view-line', { hasText: 'replicas' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('minR');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(suggestions.filter({ hasText: 'minReadySeconds' }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // A value the schema refuses is marked while typing (monaco-yaml reports warnings).
  await expect(app.editor.locator('.squiggly-warning').first()).toBeVisible();

  // Hover shows the field's documentation from the Kubernetes schema.
  await app.editor.locator('.view-line', { hasText: 'replicas' }).locator('span', { hasText: 'replicas' }).first().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Number of desired pods' })).toBeVisible();
  await app.screenshot('editor-schema');
});
