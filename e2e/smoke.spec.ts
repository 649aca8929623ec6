import { expect, test } from '@playwright/test';

test('the built page loads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Podscape' })).toBeVisible();
});
