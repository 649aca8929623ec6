import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { CanvasPage } from './pages/CanvasPage';
import { WEB_APP } from './fixtures';

test('a node going down: its pods are evicted and replacements run on the other nodes', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const canvas = new CanvasPage(page);
  await app.goto();
  await app.setEditorText(WEB_APP);
  await app.apply();
  await canvas.skipUntilQuiet();

  const running = canvas.pods({ status: 'Running', namePrefix: 'web-' });
  await expect(running).toHaveCount(3);
  await expect(canvas.object('Deployment', 'web')).toBeVisible();
  await expect(canvas.object('Service', 'web')).toContainText('3/3');

  // Kill one pod's containers from the inspector: the same command as the console, recorded.
  const killed = (await running.first().getAttribute('data-name'))!;
  await running.first().click();
  await page.getByTestId('inspector-kill-pod').click();
  await expect(app.consoleOutput).toContainText(`pod/${killed} killed`);
  await canvas.skipUntilQuiet();
  await expect(canvas.pods({ status: 'Running', namePrefix: 'web-' })).toHaveCount(3);

  // Take down a worker that runs one of the pods, from the node's own button.
  const victim = (await running.first().getAttribute('data-node'))!;
  expect(victim).toMatch(/^worker-/);
  const evicted = await canvas.pods({ node: victim, namePrefix: 'web-' }).count();
  await canvas.nodeDown(victim);
  // The button ran the console's command, so the step is recorded like a typed one.
  await expect(app.consoleOutput).toContainText(`chaos node-down ${victim}`);

  // Past the node grace period and the not-ready toleration (300 s), the pods are evicted.
  await canvas.skipUntilQuiet();
  await expect(canvas.node(victim)).toHaveAttribute('data-status', /NotReady/);
  await expect(canvas.pods({ node: victim, status: 'Running' })).toHaveCount(0);
  await expect(canvas.pods({ node: victim, status: 'Terminating', namePrefix: 'web-' })).toHaveCount(evicted);
  await expect(canvas.pods({ status: 'Running', notNode: victim, namePrefix: 'web-' })).toHaveCount(3);
  // The Service still selects the evicted pods, but only the replacements are ready endpoints.
  await expect(canvas.object('Service', 'web')).toContainText(`3/${3 + evicted}`);

  // The inspector tells the story of an evicted pod.
  await canvas.pods({ node: victim, status: 'Terminating' }).first().click();
  await expect(canvas.inspector).toHaveAttribute('data-kind', 'Pod');
  await page.getByTestId('inspector-tab-events').click();
  await expect(page.getByTestId('inspector-events')).toContainText('Marking for deletion');

  await app.screenshot('canvas-node-down');
});
