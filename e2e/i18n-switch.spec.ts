import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('switching to 简体中文 changes the UI at once, is remembered, and keeps kubectl in English', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await expect(app.applyButton).toContainText('Apply');

  await app.language.selectOption('zh-CN');
  await expect(app.applyButton).toContainText('应用');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('tab-console')).toHaveText('控制台');
  await expect(page.getByTestId('tab-events')).toHaveText('事件');
  await expect(app.shareButton).toContainText('分享');
  await expect(page.getByTestId('starters')).toContainText('示例');

  await page.reload();
  await expect(app.applyButton).toContainText('应用');
  await expect(app.language).toHaveValue('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // Kinds, fields and kubectl's output stay in English, as in real Kubernetes.
  const out = await app.run('kubectl get nodes');
  expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  await app.apply();
  await expect(app.applyResult).toContainText('已应用');
  await expect(app.applyResult).toContainText('deployment.apps/web created');
  await app.screenshot('i18n-zh-CN');

  await app.language.selectOption('en');
  await expect(app.applyButton).toContainText('Apply');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
