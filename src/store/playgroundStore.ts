import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import type { ManifestProblem } from '../engine/manifests/types';
import { SimulationDriver } from './driver';
import { emptyScenario, type Scenario } from './scenario';
import { takeSnapshot, type ClusterSnapshot } from './snapshot';
import { decodeScenario, encodeScenario, ShareLinkError } from './shareCodec';
import { isScenario, loadJson, saveJson, STORAGE_KEYS, type KeyValueStorage } from './persistence';

export type Language = 'en' | 'zh-CN';

/** Speeds the clock offers, as multiples of real time. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface ConsoleEntry {
  /** Simulated ms when the command ran. */
  time: number;
  command: string;
  output: string;
  exitCode: number;
}

export interface ApplyOutcome {
  time: number;
  lines: string[];
  problems: ManifestProblem[];
  exitCode: number;
}

export interface Notice {
  kind: 'error' | 'info';
  /** An i18n key, with values to interpolate; or a literal message when `text` is set. */
  key?: string;
  text?: string;
}

export interface PlaygroundState {
  seed: number;
  workers: number;
  playing: boolean;
  speed: number;
  /** Simulated ms, mirrored from the engine after each tick. */
  simTime: number;
  /** Bumped whenever the engine changed; components re-read the snapshot. */
  snapshotVersion: number;
  quiet: boolean;
  editorText: string;
  lastApply?: ApplyOutcome;
  consoleHistory: ConsoleEntry[];
  selected?: ObjectRef;
  language: Language;
  shareUrl?: string;
  notice?: Notice;
}

export interface PlaygroundActions {
  setEditorText(text: string): void;
  applyEditor(): ApplyOutcome;
  runCommand(line: string): ConsoleEntry;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  setSpeed(speed: number): void;
  skipUntilQuiet(): void;
  /** Advances the simulation by a slice of wall time (the animation loop calls it every frame). */
  tick(wallMs: number): void;
  select(ref: ObjectRef | undefined): void;
  setLanguage(lang: Language): void;
  share(baseUrl: string): string;
  resetCluster(opts?: { workers?: number; seed?: number }): void;
  dismissNotice(): void;
  /** Saves the session (scenario at the current time, editor text) now: on pagehide, after opening a share link. */
  persistNow(): void;
}

export type Playground = PlaygroundState & PlaygroundActions;

export interface PlaygroundStore extends StoreApi<Playground> {
  /** The live simulation (outside React state: it is mutable and large). */
  driver(): SimulationDriver;
  /** The current snapshot, rebuilt lazily when the engine changed. */
  snapshot(): ClusterSnapshot;
}

export interface StoreOptions {
  storage?: KeyValueStorage;
  /** The page's location hash, for share links. */
  hash?: string;
  /** Text for a first visit with nothing saved. */
  defaultEditorText?: string;
}

const MAX_CONSOLE = 500;

/**
 * One store per playground (handed down by React context, never a module singleton). Every
 * user intent is a named action; the engine is only touched here.
 */
export function createPlaygroundStore(opts: StoreOptions = {}): PlaygroundStore {
  const storage = opts.storage;
  let notice: Notice | undefined;
  let scenario: Scenario | undefined;

  if (opts.hash) {
    try {
      scenario = decodeScenario(opts.hash);
    } catch (e) {
      notice = { kind: 'error', key: 'notice.badShareLink', text: e instanceof ShareLinkError ? e.message : String(e) };
    }
  }
  if (!scenario) {
    const saved = loadJson<unknown>(storage, STORAGE_KEYS.scenario);
    if (isScenario(saved)) scenario = saved;
  }
  const savedEditor = loadJson<string>(storage, STORAGE_KEYS.editor);
  const base = scenario ?? emptyScenario(opts.defaultEditorText ?? '');
  const editorText = !opts.hash || !scenario ? (typeof savedEditor === 'string' ? savedEditor : base.editorText) : base.editorText;

  let driver: SimulationDriver;
  try {
    driver = SimulationDriver.replay(base);
  } catch (e) {
    // A saved or shared session that cannot be replayed must not lock the user out.
    notice = { kind: 'error', key: 'notice.replayFailed', text: e instanceof Error ? e.message : String(e) };
    driver = new SimulationDriver({ seed: base.seed, workers: base.workers });
  }

  let snap = takeSnapshot(driver.cluster, driver.version);
  let snapDriver = driver;

  const language = (loadJson<string>(storage, STORAGE_KEYS.language) === 'zh-CN' ? 'zh-CN' : 'en') as Language;

  const store = createStore<Playground>()(
    immer((set, get) => {
      const sync = () => {
        set((s) => {
          s.simTime = driver.now;
          s.snapshotVersion = driver.version;
          s.quiet = driver.isQuiet();
        });
      };
      const persist = () => saveJson(storage, STORAGE_KEYS.scenario, driver.toScenario(get().editorText));

      return {
        seed: driver.seed,
        workers: driver.workers,
        playing: false,
        speed: 1,
        simTime: driver.now,
        snapshotVersion: driver.version,
        quiet: driver.isQuiet(),
        editorText,
        consoleHistory: [],
        language,
        notice,

        setEditorText(text) {
          set((s) => {
            s.editorText = text;
          });
          saveJson(storage, STORAGE_KEYS.editor, text);
        },

        applyEditor() {
          const text = get().editorText;
          const r = driver.apply(text);
          const outcome: ApplyOutcome = { time: driver.now, lines: r.lines, problems: r.problems, exitCode: r.exitCode };
          set((s) => {
            s.lastApply = outcome;
          });
          sync();
          persist();
          return outcome;
        },

        runCommand(line) {
          const trimmed = line.trim();
          const r = driver.run(trimmed);
          const entry: ConsoleEntry = { time: driver.now, command: trimmed, output: r.output, exitCode: r.exitCode };
          set((s) => {
            s.consoleHistory.push(entry);
            if (s.consoleHistory.length > MAX_CONSOLE) s.consoleHistory.splice(0, s.consoleHistory.length - MAX_CONSOLE);
          });
          sync();
          persist();
          return entry;
        },

        play() {
          set((s) => {
            s.playing = true;
          });
        },
        pause() {
          set((s) => {
            s.playing = false;
          });
          persist();
        },
        togglePlay() {
          if (get().playing) get().pause();
          else get().play();
        },

        step() {
          driver.step();
          sync();
        },

        setSpeed(speed) {
          set((s) => {
            s.speed = speed;
          });
        },

        skipUntilQuiet() {
          driver.skipUntilQuiet();
          sync();
          persist();
        },

        tick(wallMs) {
          const s = get();
          if (!s.playing || wallMs <= 0) return;
          // Cap a frame's slice so a backgrounded tab does not come back to a minute-long catch-up.
          const slice = Math.min(wallMs, 250) * s.speed;
          driver.advance(Math.round(slice));
          sync();
        },

        select(ref) {
          set((s) => {
            s.selected = ref;
          });
        },

        setLanguage(lang) {
          set((s) => {
            s.language = lang;
          });
          saveJson(storage, STORAGE_KEYS.language, lang);
        },

        share(baseUrl) {
          const url = baseUrl.replace(/#.*$/, '') + encodeScenario(driver.toScenario(get().editorText));
          set((s) => {
            s.shareUrl = url;
          });
          return url;
        },

        resetCluster(o = {}) {
          const seed = o.seed ?? get().seed;
          const workers = o.workers ?? get().workers;
          const previousVersion = driver.version;
          driver = new SimulationDriver({ seed, workers });
          // Versions keep rising across a reset, so "snapshotVersion changed" stays a reliable cue.
          driver.version += previousVersion + 1;
          set((s) => {
            s.seed = seed;
            s.workers = workers;
            s.playing = false;
            s.lastApply = undefined;
            s.consoleHistory = [];
            s.selected = undefined;
          });
          sync();
          persist();
        },

        dismissNotice() {
          set((s) => {
            s.notice = undefined;
          });
        },

        persistNow() {
          saveJson(storage, STORAGE_KEYS.editor, get().editorText);
          persist();
        },
      };
    }),
  );

  return Object.assign(store, {
    driver: () => driver,
    snapshot: () => {
      if (snapDriver !== driver || snap.version !== driver.version || snap.time !== driver.now) {
        snap = takeSnapshot(driver.cluster, driver.version);
        snapDriver = driver;
      }
      return snap;
    },
  });
}
