import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { CanvasPage } from './pages/CanvasPage';

test('the clock: step, play, pause and speed move simulated time as they should', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const clock = new CanvasPage(page);
  await app.goto();
  await expect(clock.simTime).toHaveAttribute('data-seconds', /^\d/);
  const t0 = await clock.seconds();

  // Step fires exactly one pending event, however far ahead it is.
  await clock.step();
  await expect.poll(() => clock.seconds()).toBeGreaterThan(t0);

  // Paused, frames go by and time stands still.
  const t1 = await clock.seconds();
  await clock.frames(20);
  expect(await clock.seconds()).toBe(t1);

  // Playing at 1× runs with the wall clock.
  await clock.play();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await clock.waitForSeconds(t1 + 1);
  await clock.pause();
  await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'true');
  const t2 = await clock.seconds();
  await clock.frames(20);
  expect(await clock.seconds()).toBe(t2);

  // At 64× a minute of simulated time passes in about a second of wall time.
  await clock.setSpeed(64);
  await expect(page.getByTestId('speed')).toHaveValue('64');
  await clock.play();
  await clock.waitForSeconds(t2 + 60, 5_000);
  await clock.pause();
  await expect(clock.simTime).toContainText('m');

  // Space toggles play/pause and "." steps, when focus is not in the editor or a field.
  const t3 = await clock.seconds();
  await clock.canvas.click({ position: { x: 20, y: 300 } });
  await page.keyboard.press('.');
  await expect.poll(() => clock.seconds()).toBeGreaterThan(t3);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'true');

  await app.screenshot('canvas-clock');
});
