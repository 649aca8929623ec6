import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The cluster canvas and the clock, through the DOM hooks of contracts §3: objects carry
 * data-kind / data-name / data-namespace, pods data-status and data-node; the clock has
 * play, pause, step, speed, skip-quiet and sim-time (data-seconds).
 */
export class CanvasPage {
  readonly canvas: Locator;
  readonly simTime: Locator;
  readonly inspector: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.simTime = page.getByTestId('sim-time');
    this.inspector = page.getByTestId('inspector');
  }

  pods(filter: { status?: string; node?: string; notNode?: string; namePrefix?: string } = {}): Locator {
    let sel = '[data-kind=Pod]';
    if (filter.status) sel += `[data-status="${filter.status}"]`;
    if (filter.node !== undefined) sel += `[data-node="${filter.node}"]`;
    if (filter.namePrefix) sel += `[data-name^="${filter.namePrefix}"]`;
    if (filter.notNode) sel += `:not([data-node="${filter.notNode}"])`;
    return this.canvas.locator(sel);
  }

  node(name: string): Locator {
    return this.canvas.locator(`[data-kind=Node][data-name="${name}"]`);
  }

  object(kind: string, name: string): Locator {
    return this.canvas.locator(`[data-kind="${kind}"][data-name="${name}"]`);
  }

  async nodeDown(name: string): Promise<void> {
    await this.node(name).getByTestId('node-down').click();
    await expect(this.node(name).getByTestId('node-up')).toBeVisible();
  }

  async seconds(): Promise<number> {
    return Number(await this.simTime.getAttribute('data-seconds'));
  }

  /** Waits until the simulated clock passes `s` seconds. */
  async waitForSeconds(s: number, timeout?: number): Promise<void> {
    await expect.poll(() => this.seconds(), { timeout }).toBeGreaterThanOrEqual(s);
  }

  /** Lets the page draw a number of animation frames (the clock advances once per frame). */
  async frames(n: number): Promise<void> {
    await this.page.evaluate(
      (count) =>
        new Promise<void>((resolve) => {
          let left = count;
          const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        }),
      n,
    );
  }

  /** Runs the clock until `seconds` more of simulated time have passed, then stops it. */
  async playFor(seconds: number): Promise<void> {
    const start = await this.seconds();
    await this.play();
    await this.waitForSeconds(start + seconds, 60_000);
    await this.pause();
    await this.frames(3);
  }

  /** Each pod's served-request counter (data-served), by pod name. */
  async served(namePrefix = ''): Promise<Record<string, number>> {
    return this.pods({ namePrefix }).evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-name')!, Number(e.getAttribute('data-served'))])));
  }

  /** Whether an element is drawn wholly inside the canvas pane (not cut off at an edge). */
  async inView(el: Locator): Promise<boolean> {
    const [pane, box] = await Promise.all([this.canvas.boundingBox(), el.boundingBox()]);
    if (!pane || !box) return false;
    return box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height;
  }

  /** The outside traffic clients drawn at the edge of the canvas. */
  trafficClients(): Locator {
    return this.canvas.getByTestId('traffic-client');
  }

  play = () => this.page.getByTestId('play').click();
  pause = () => this.page.getByTestId('pause').click();
  step = () => this.page.getByTestId('step').click();
  skipUntilQuiet = () => this.page.getByTestId('skip-quiet').click();
  setSpeed = (speed: number) => this.page.getByTestId('speed').selectOption(String(speed));
}
