import { expect, test } from '@playwright/test';
import lz from 'lz-string';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { WEB_APP } from './fixtures';

test('a share link replays the same scenario in a fresh browser', async ({ page, browser }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await app.setEditorText(WEB_APP);
  await app.apply();
  await app.skipUntilQuiet();
  await expect(app.pods({ status: 'Running', node: 'worker' })).toHaveCount(3);
  await app.run('kubectl get deployments');
  const names = (await app.pods().evaluateAll((els) => els.map((e) => `${e.getAttribute('data-name')}@${e.getAttribute('data-node')}`))).sort();
  const seconds = await app.simTime.getAttribute('data-seconds');

  const url = await app.share();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4173\/.*#v1\//);

  const fresh = await browser.newContext();
  const other = new PlaygroundPage(await fresh.newPage());
  await other.goto(url);
  await expect(other.pods({ status: 'Running', node: 'worker' })).toHaveCount(3);
  expect((await other.pods().evaluateAll((els) => els.map((e) => `${e.getAttribute('data-name')}@${e.getAttribute('data-node')}`))).sort()).toEqual(names);
  await expect(other.simTime).toHaveAttribute('data-seconds', seconds!);
  await other.waitForEditor();
  await expect(other.editor).toContainText('kind: Service');
  await expect(other.notice).toHaveCount(0);

  // The link has done its job: the hash is gone, and a reload restores from local storage.
  expect(new URL(other.page.url()).hash).toBe('');
  await other.page.reload();
  await expect(other.pods({ status: 'Running', node: 'worker' })).toHaveCount(3);
  await expect(other.simTime).toHaveAttribute('data-seconds', seconds!);
  await other.screenshot('share-roundtrip');
  await fresh.close();
});

test('a damaged or hostile link shows a clear message and an empty, working playground', async ({ browser }) => {
  const errors: string[] = [];
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => Object.defineProperty(window, '__pwned', { value: undefined, writable: true }));
  const app = new PlaygroundPage(page);

  await app.goto('/#v1/%%%this-is-not-a-scenario%%%');
  await expect(app.notice).toBeVisible();
  await expect(app.notice).toContainText('This share link could not be opened');
  await expect(app.notice).toContainText('damaged');
  await expect(page.locator('[data-kind=Node][data-name=worker-1]')).toBeVisible();
  await expect(app.pods()).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  await page.getByTestId('notice-dismiss').click();
  await expect(app.notice).toHaveCount(0);

  // A well-formed link whose text tries to become markup stays text.
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const payload = { s: 1, w: 2, e: `# ${evil}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: evil\n`, t: 0, p: [[0, 'c', `get pods ${evil}`]] };
  await app.goto('/#v1/' + lz.compressToEncodedURIComponent(JSON.stringify(payload)));
  await app.waitForEditor();
  await expect(app.editor).toContainText('onerror');
  await expect(page.locator('[data-kind=Node]')).toHaveCount(3);
  await app.page.getByTestId('tab-console').click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);

  // A link from the future is refused with its own message, and the playground still works.
  await app.goto('/#v9/whatever');
  await expect(app.notice).toContainText('newer Podscape');
  await app.setEditorText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n');
  await app.apply();
  await expect(app.applyResult).toContainText('configmap/ok created');
  await app.screenshot('share-hostile');
  expect(errors).toEqual([]);
  await ctx.close();
});
