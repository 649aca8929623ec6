import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { WEB_APP } from './fixtures';

/** The pod-template-hash in a Deployment's pod name: web-<hash>-<suffix>. */
const templateHash = (name: string) => name.split('-').slice(-2, -1)[0];

test('kubectl set image rolls the Deployment out: new pods replace old ones', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(WEB_APP);
  await app.apply();
  await app.skipUntilQuiet();
  const running = app.pods({ status: 'Running', node: 'worker', namePrefix: 'web-' });
  await expect(running).toHaveCount(3);
  const oldNames = await running.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
  const oldHash = templateHash(oldNames[0]);

  const out = await app.run('kubectl set image deployment/web nginx=nginx:1.28');
  expect(out).toBe('deployment.apps/web image updated\n');

  // Step the simulated clock one event at a time until the first pod of the new revision shows:
  // the rolling update surges one new pod while the three old ones still serve.
  const newPods = page.locator(`[data-kind=Pod][data-name^="web-"]:not([data-name*="-${oldHash}-"])`);
  const allWeb = page.locator('[data-kind=Pod][data-name^="web-"]');
  for (let i = 0; i < 200 && (await newPods.count()) === 0; i++) await app.step();
  await expect(newPods).toHaveCount(1);
  await expect(allWeb).toHaveCount(4);
  // Each pod carries its ReplicaSet's deployment.kubernetes.io/revision, and shows it.
  await expect(newPods.first()).toHaveAttribute('data-revision', '2');
  await expect(newPods.first()).toContainText('r2');
  for (const name of oldNames) {
    const old = page.locator(`[data-kind=Pod][data-name="${name}"]`);
    await expect(old).toHaveAttribute('data-revision', '1');
    await expect(old).toContainText('r1');
  }
  await app.screenshot('rollout-midway');

  await app.skipUntilQuiet();
  await expect(running).toHaveCount(3);
  const newNames = await running.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
  expect(newNames.every((n) => templateHash(n) !== oldHash)).toBe(true);
  await expect(allWeb).toHaveCount(3);
  await expect(page.locator('[data-kind=Pod][data-name^="web-"][data-revision="2"]')).toHaveCount(3);

  expect(await app.run('kubectl rollout status deployment/web')).toContain('successfully rolled out');
  const history = await app.run('kubectl rollout history deployment/web');
  expect(history).toMatch(/^REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/m);
  await app.screenshot('rollout-set-image');
});
