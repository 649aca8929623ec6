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
  /** Wall milliseconds of simulation a tick may use before leaving the rest to the next frame. */
  frameBudgetMs?: number;
  /** The wall clock that budget is measured with (tests pass their own). */
  wallClock?: () => number;
}

const MAX_CONSOLE = 500;

/**
 * A frame's share of simulation work. A burst (a rollout starting creates hundreds of pods at
 * once) spreads over the next frames instead of freezing one; the clock shows the engine's own
 * time, so it lags for a moment rather than running ahead of what is drawn. (A budget that
 * shrank while frames ran long was tried: when drawing, not the simulation, makes frames long,
 * it only slowed the clock, without giving frames back; one that grew after every long frame
 * cost frames at 1×. This one grows only while the clock falls far behind: see budgetFor.)
 */
export const FRAME_BUDGET_MS = 8;
/** A lag (wall ms) the budget absorbs as it is: a burst at the start of a rollout. */
const LAG_KEPT_MS = 250;
/** When the lag nears MAX_LAG_WALL_MS the budget grows up to this multiple, so the clock keeps the requested speed when drawing, not the simulation, is slow. */
const MAX_BUDGET_FACTOR = 4;

/**
 * The frame's simulation budget, given how far behind the clock is (in wall ms): the base budget
 * while the lag is short; growing linearly to MAX_BUDGET_FACTOR times it as the lag approaches
 * the point where simulated time would be let go.
 */
export function budgetFor(baseMs: number, lagWallMs: number): number {
  const over = Math.min(1, Math.max(0, (lagWallMs - LAG_KEPT_MS) / (MAX_LAG_WALL_MS - LAG_KEPT_MS)));
  return baseMs * (1 + (MAX_BUDGET_FACTOR - 1) * over);
}

/** Wall time per tick counted at most (a backgrounded tab does not come back to a minute-long catch-up). */
const MAX_TICK_WALL_MS = 250;
/** How far behind the requested speed the clock may fall (in wall ms) before the rest is let go. */
const MAX_LAG_WALL_MS = 1000;

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
  const budgetMs = opts.frameBudgetMs ?? FRAME_BUDGET_MS;
  const wallClock = opts.wallClock ?? (() => performance.now());
  /** Simulated ms the clock owes: asked for by past ticks, not yet run (a fraction of a ms carries too). */
  let owed = 0;

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
          owed = 0;
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
          owed = 0;
          driver.skipUntilQuiet();
          sync();
          persist();
        },

        tick(wallMs) {
          const s = get();
          if (!s.playing || wallMs <= 0) return;
          owed = Math.min(owed + Math.min(wallMs, MAX_TICK_WALL_MS) * s.speed, MAX_LAG_WALL_MS * s.speed);
          const whole = Math.floor(owed);
          if (whole <= 0) return;
          const start = driver.now;
          const deadline = wallClock() + budgetFor(budgetMs, owed / s.speed);
          driver.advanceToward(start + whole, () => wallClock() >= deadline);
          owed -= driver.now - start;
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
          owed = 0;
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
