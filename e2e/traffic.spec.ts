import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { CanvasPage } from './pages/CanvasPage';
import { WEB_INGRESS } from './fixtures';

test('requests through an Ingress reach only ready pods; a pod that stops being ready stops getting them', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const canvas = new CanvasPage(page);
  await app.goto();
  await app.setEditorText(WEB_INGRESS);
  await app.apply();
  await canvas.skipUntilQuiet();
  const web = canvas.pods({ status: 'Running', namePrefix: 'web-' });
  await expect(web).toHaveCount(3);
  await expect(canvas.object('Service', 'web')).toContainText('3/3 endpoints ready');
  // The view followed the new objects: the workload column on the left is in view, not cut off.
  await expect.poll(() => canvas.inView(canvas.object('Deployment', 'web'))).toBe(true);

  // An outside client sends 10 requests a second to the Ingress host; it shows at the canvas's edge.
  expect(await app.run('traffic http://web.local/ 10')).toContain('traffic client 1 started');
  await expect(canvas.trafficClients()).toHaveCount(1);
  await expect(canvas.trafficClients()).toHaveAttribute('data-url', 'http://web.local/');
  await expect.poll(() => canvas.inView(canvas.trafficClients())).toBe(true);
  await canvas.setSpeed(4);
  await canvas.playFor(5);

  // Every request was answered, every ready pod got a share, and the counters add up to what was sent.
  const first = await canvas.served('web-');
  const names = Object.keys(first);
  expect(names).toHaveLength(3);
  for (const n of names) expect(first[n]).toBeGreaterThan(0);
  const sent = Number(await canvas.trafficClients().getAttribute('data-sent'));
  expect(Object.values(first).reduce((a, b) => a + b, 0)).toBe(sent);
  await expect(canvas.trafficClients().locator('[data-outcome="200"]')).toHaveAttribute('data-count', String(sent));
  await expect(canvas.canvas.getByTestId('traffic-rate').first()).toContainText('req/s');

  // Kill one pod's containers: it restarts, and its readiness probe keeps it out of the endpoints for 20 s.
  const victim = names[0];
  await app.run(`chaos kill ${victim}`);
  await canvas.setSpeed(1);
  await canvas.play();
  await expect(canvas.object('Service', 'web')).toContainText('2/3 endpoints ready');
  await canvas.pause();
  // Let the ingress controller catch up with the EndpointSlice, then compare over a few seconds.
  await canvas.playFor(2);
  const before = await canvas.served('web-');
  await canvas.setSpeed(4);
  await canvas.playFor(6);
  const after = await canvas.served('web-');
  await expect(canvas.object('Pod', victim)).toHaveAttribute('data-ready', '0/1');
  expect(after[victim]).toBe(before[victim]);
  for (const n of names.filter((x) => x !== victim)) expect(after[n]).toBeGreaterThan(before[n]);

  // The inspector tells the same story: the Service's endpoint list marks the pod not ready.
  await canvas.object('Service', 'web').click();
  await expect(page.getByTestId('service-endpoints').locator(`[data-pod="${victim}"]`)).toHaveAttribute('data-ready', 'false');
  await expect(page.getByTestId('service-dns')).toContainText('web.default.svc.cluster.local');
  await app.screenshot('traffic');

  // Once ready again, it serves again.
  await canvas.skipUntilQuiet();
  await expect(canvas.object('Service', 'web')).toContainText('3/3 endpoints ready');
  const back = await canvas.served('web-');
  await canvas.playFor(4);
  expect((await canvas.served('web-'))[victim]).toBeGreaterThan(back[victim]);
});
