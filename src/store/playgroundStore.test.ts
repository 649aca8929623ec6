import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { budgetFor, createPlaygroundStore } from './playgroundStore';
import { decodeScenario } from './shareCodec';
import { STORAGE_KEYS, type KeyValueStorage } from './persistence';
import { objectsOf } from './snapshot';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

class MemoryStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const podNames = (store: ReturnType<typeof createPlaygroundStore>) =>
  objectsOf(store.snapshot(), 'Pod')
    .filter((p) => p.metadata?.namespace === 'default')
    .map((p) => p.metadata!.name)
    .sort();

describe('playground store', () => {
  it('applies the editor text as one recorded step', () => {
    const store = createPlaygroundStore({ defaultEditorText: WEB });
    const outcome = store.getState().applyEditor();
    expect(outcome).toMatchObject({ exitCode: 0, lines: ['deployment.apps/web created'], problems: [] });
    expect(store.getState().lastApply).toEqual(outcome);
    expect(store.driver().steps).toEqual([{ time: 0, kind: 'apply', text: WEB }]);
    store.getState().skipUntilQuiet();
    expect(podNames(store)).toHaveLength(2);
  });

  it('applies nothing and records nothing when the text has a syntax error', () => {
    const store = createPlaygroundStore({ defaultEditorText: WEB });
    store.getState().setEditorText(WEB + 'oops: [\n');
    const outcome = store.getState().applyEditor();
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines).toEqual([]);
    expect(outcome.problems.length).toBeGreaterThan(0);
    expect(outcome.problems[0]).toMatchObject({ file: 'editor.yaml', line: expect.any(Number) });
    expect(store.driver().steps).toEqual([]);
    expect(objectsOf(store.snapshot(), 'Deployment')).toHaveLength(0);
  });

  it('appends each console command to the history, with or without the kubectl prefix', () => {
    const store = createPlaygroundStore({ defaultEditorText: WEB });
    store.getState().applyEditor();
    const a = store.getState().runCommand('  kubectl get deployments  ');
    const b = store.getState().runCommand('get deploy');
    expect(a.command).toBe('kubectl get deployments');
    expect(a.exitCode).toBe(0);
    expect(a.output).toMatch(/^NAME\s+READY/);
    expect(b.output).toBe(a.output);
    expect(store.getState().consoleHistory.map((e) => e.command)).toEqual(['kubectl get deployments', 'get deploy']);
    expect(store.driver().steps.map((s) => s.kind)).toEqual(['apply', 'command', 'command']);
  });

  it('shares a link that replays to the same cluster in a fresh store', () => {
    const store = createPlaygroundStore({ defaultEditorText: WEB });
    store.getState().applyEditor();
    store.getState().skipUntilQuiet();
    const url = store.getState().share('http://localhost:4173/?x=1#old');
    expect(store.getState().shareUrl).toBe(url);
    expect(url.startsWith('http://localhost:4173/?x=1#v1/')).toBe(true);
    const hash = url.slice(url.indexOf('#'));
    expect(decodeScenario(hash)).toEqual(store.driver().toScenario(WEB));

    const opened = createPlaygroundStore({ hash, storage: new MemoryStorage() });
    expect(opened.getState().notice).toBeUndefined();
    expect(opened.getState().editorText).toBe(WEB);
    expect(opened.getState().simTime).toBe(store.getState().simTime);
    expect(podNames(opened)).toEqual(podNames(store));
  });

  it('replays a command that waits (the clock ran inside it) from where it was typed', () => {
    const store = createPlaygroundStore({ defaultEditorText: WEB });
    store.getState().applyEditor();
    const out = store.getState().runCommand('kubectl wait --for=condition=available deployment/web --timeout=60s');
    expect(out.output).toBe('deployment.apps/web condition met\n');
    expect(store.driver().steps.map((s) => s.time)).toEqual([0, 0]);
    store.getState().runCommand('kubectl scale deployment web --replicas=3');
    store.getState().skipUntilQuiet();
    const hash = store.getState().share('http://localhost:4173/').split('#')[1];
    const opened = createPlaygroundStore({ hash: `#${hash}`, storage: new MemoryStorage() });
    expect(opened.getState().notice).toBeUndefined();
    expect(opened.getState().simTime).toBe(store.getState().simTime);
    expect(podNames(opened)).toEqual(podNames(store));
    expect(opened.driver().cluster.recorder.log.map((e) => `${e.time} ${e.reason} ${e.message}`)).toEqual(store.driver().cluster.recorder.log.map((e) => `${e.time} ${e.reason} ${e.message}`));
  });

  it('resets the cluster to a new shape and seed, keeping the editor text', () => {
    const store = createPlaygroundStore({ defaultEditorText: WEB });
    store.getState().applyEditor();
    store.getState().runCommand('get pods');
    const versionBefore = store.getState().snapshotVersion;
    store.getState().resetCluster({ workers: 2, seed: 7 });
    expect(store.getState().snapshotVersion).toBeGreaterThan(versionBefore);
    const s = store.getState();
    expect(s).toMatchObject({ workers: 2, seed: 7, simTime: 0, consoleHistory: [], lastApply: undefined, editorText: WEB });
    expect(store.driver().steps).toEqual([]);
    expect(objectsOf(store.snapshot(), 'Node').map((n) => n.metadata!.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(objectsOf(store.snapshot(), 'Deployment')).toHaveLength(0);
  });

  it('survives a reload through its storage: editor text, cluster and language', () => {
    const storage = new MemoryStorage();
    const first = createPlaygroundStore({ storage, defaultEditorText: WEB });
    first.getState().applyEditor();
    first.getState().skipUntilQuiet();
    first.getState().setEditorText('# my notes\n' + WEB);
    first.getState().setLanguage('zh-CN');
    expect(storage.getItem(STORAGE_KEYS.editor)).toBe(JSON.stringify('# my notes\n' + WEB));

    const second = createPlaygroundStore({ storage, defaultEditorText: 'unused' });
    expect(second.getState().editorText).toBe('# my notes\n' + WEB);
    expect(second.getState().language).toBe('zh-CN');
    expect(podNames(second)).toEqual(podNames(first));
  });

  it('saves the current simulated time on persistNow', () => {
    const storage = new MemoryStorage();
    const store = createPlaygroundStore({ storage, defaultEditorText: WEB });
    store.getState().applyEditor();
    store.getState().play();
    store.getState().tick(200);
    store.getState().tick(200);
    store.getState().persistNow();
    const saved = JSON.parse(storage.getItem(STORAGE_KEYS.scenario)!);
    expect(saved.time).toBe(400);
    expect(createPlaygroundStore({ storage }).getState().simTime).toBe(400);
  });

  it.each([
    ['a damaged link', '#v1/%%%not-lz%%%'],
    ['a script instead of a scenario', '#v1/' + compressToEncodedURIComponent('<img src=x onerror=alert(1)>')],
    ['a link from a newer version', '#v7/anything'],
  ])('opens %s as an empty, working playground with a notice', (_what, hash) => {
    const store = createPlaygroundStore({ hash, storage: new MemoryStorage(), defaultEditorText: WEB });
    const s = store.getState();
    expect(s.notice).toMatchObject({ kind: 'error', key: 'notice.badShareLink' });
    expect(typeof s.notice!.text).toBe('string');
    expect(s.editorText).toBe(WEB);
    expect(objectsOf(store.snapshot(), 'Deployment')).toHaveLength(0);
    expect(store.getState().applyEditor().exitCode).toBe(0);
    s.dismissNotice();
    expect(store.getState().notice).toBeUndefined();
  });

  describe('time-sliced ticks', () => {
    /** Every object and event of the cluster, for comparing two runs. */
    const fingerprint = (store: ReturnType<typeof createPlaygroundStore>) => {
      const c = store.driver().cluster;
      const objects = c.api.store.kindNames().sort().flatMap((k) => c.api.store.list(k));
      return JSON.stringify({ time: c.now(), objects, events: c.recorder.log });
    };
    /** A wall clock that moves 5 ms every time it is read: with a budget of 8 ms a tick runs two instants. */
    const slowClock = () => {
      let t = 0;
      return () => (t += 5);
    };
    const started = (opts: Parameters<typeof createPlaygroundStore>[0]) => {
      const store = createPlaygroundStore({ defaultEditorText: WEB, ...opts });
      store.getState().applyEditor();
      store.getState().setSpeed(64);
      store.getState().play();
      return store;
    };

    it('runs what a tick has no time for in the next ticks, and tells the same story as one uninterrupted run', () => {
      const whole = started({ frameBudgetMs: Infinity });
      const sliced = started({ frameBudgetMs: 8, wallClock: slowClock() });
      whole.getState().tick(250);
      sliced.getState().tick(250);
      expect(whole.getState().simTime).toBe(16_000);
      // The clock shows the engine's own time: behind what was asked, never ahead of it.
      const lagging = sliced.getState().simTime;
      expect(lagging).toBeLessThan(16_000);
      expect(lagging).toBe(sliced.driver().now);
      let ticks = 1;
      while (sliced.getState().simTime < 16_000 && ticks < 100_000) {
        sliced.getState().tick(1e-9);
        ticks++;
      }
      expect(ticks).toBeGreaterThan(3);
      expect(sliced.getState().simTime).toBe(16_000);
      expect(fingerprint(sliced)).toBe(fingerprint(whole));
    });

    it('gives the simulation more of each frame only while the clock falls far behind', () => {
      expect(budgetFor(8, 0)).toBe(8);
      expect(budgetFor(8, 250)).toBe(8);
      expect(budgetFor(8, 625)).toBeCloseTo(20);
      expect(budgetFor(8, 1000)).toBe(32);
      expect(budgetFor(8, 5000)).toBe(32);
    });

    it('lets go of the time it still owes when paused', () => {
      const store = started({ frameBudgetMs: 8, wallClock: slowClock() });
      store.getState().tick(250);
      const at = store.getState().simTime;
      expect(at).toBeLessThan(16_000);
      store.getState().pause();
      store.getState().play();
      store.getState().tick(1e-9);
      expect(store.getState().simTime).toBe(at);
    });

    it('keeps fractions of a millisecond: 0.25× over 60 frames of 16.7 ms is 250 ms', () => {
      const store = createPlaygroundStore({ defaultEditorText: WEB });
      store.getState().setSpeed(0.25);
      store.getState().play();
      for (let i = 0; i < 60; i++) store.getState().tick(1000 / 60);
      expect(store.getState().simTime).toBeGreaterThanOrEqual(249);
      expect(store.getState().simTime).toBeLessThanOrEqual(250);
    });
  });
});
