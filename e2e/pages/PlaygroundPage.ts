import { expect, type Locator, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where journeys leave a screenshot of their end state (gitignored). */
export const ARTIFACTS = path.resolve('e2e-artifacts');

/**
 * The playground as a user sees it, through the DOM hooks of contracts §3 (and a few more
 * test ids of our own). Specs read like the journey; the details of how live here.
 */
export class PlaygroundPage {
  readonly editor: Locator;
  readonly applyButton: Locator;
  readonly applyErrors: Locator;
  readonly applyResult: Locator;
  readonly console: Locator;
  readonly consoleOutput: Locator;
  readonly shareButton: Locator;
  readonly shareUrl: Locator;
  readonly language: Locator;
  readonly notice: Locator;
  readonly simTime: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('editor');
    this.applyButton = page.getByTestId('apply');
    this.applyErrors = page.getByTestId('apply-errors');
    this.applyResult = page.getByTestId('apply-result');
    this.console = page.getByTestId('console');
    this.consoleOutput = page.getByTestId('console-output');
    this.shareButton = page.getByTestId('share');
    this.shareUrl = page.getByTestId('share-url');
    this.language = page.getByTestId('language');
    this.notice = page.getByTestId('notice');
    this.simTime = page.getByTestId('sim-time');
  }

  async goto(url = '/'): Promise<void> {
    // Going to another hash of the same page would not load it again (as with a pasted link).
    if (url.includes('#')) await this.page.goto('about:blank');
    await this.page.goto(url);
    await expect(this.applyButton).toBeVisible();
  }

  /** Waits until Monaco has replaced the placeholder (it loads lazily after the canvas). */
  async waitForEditor(): Promise<void> {
    await expect(this.editor.locator('.monaco-editor')).toBeVisible();
  }

  /**
   * Replaces the whole buffer by pasting, as a user would: typing multi-line YAML into Monaco
   * re-indents it, so the text goes in as one synthetic paste on Monaco's focused input.
   */
  async setEditorText(text: string): Promise<void> {
    await this.waitForEditor();
    const lines = this.editor.locator('.view-lines');
    await lines.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await expect(lines).toHaveText('');
    await this.page.evaluate((t) => {
      const target = document.activeElement;
      if (!target) throw new Error('nothing has the focus');
      const data = new DataTransfer();
      data.setData('text/plain', t);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    // The buffer was empty: once the pasted text shows, the paste has landed.
    const last = text.split('\n').filter((l) => l.trim() !== '').pop() ?? '';
    await expect(lines).toContainText(last.trim());
  }

  /** The editor's visible lines, as text (Monaco renders only what is on screen). */
  async visibleEditorText(): Promise<string> {
    return (await this.editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async apply(): Promise<void> {
    await this.applyButton.click();
    await expect(this.applyResult).toBeVisible();
  }

  async skipUntilQuiet(): Promise<void> {
    await this.page.getByTestId('skip-quiet').click();
  }

  async step(): Promise<void> {
    await this.page.getByTestId('step').click();
  }

  pods(filter: { status?: string; node?: string; namePrefix?: string } = {}): Locator {
    let sel = '[data-kind=Pod]';
    if (filter.status) sel += `[data-status="${filter.status}"]`;
    if (filter.node) sel += `[data-node^="${filter.node}"]`;
    if (filter.namePrefix) sel += `[data-name^="${filter.namePrefix}"]`;
    return this.page.locator(sel);
  }

  /** Runs a console command and returns what it printed. */
  async run(command: string): Promise<string> {
    const entries = this.consoleOutput.locator('.console-entry');
    const before = await entries.count();
    await this.page.getByTestId('tab-console').click();
    await this.console.fill(command);
    await this.console.press('Enter');
    await expect(entries).toHaveCount(before + 1);
    return (await entries.last().locator('pre').textContent()) ?? '';
  }

  async share(): Promise<string> {
    await this.shareButton.click();
    await expect(this.shareUrl).toHaveValue(/#v1\//);
    return this.shareUrl.inputValue();
  }

  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }
}
