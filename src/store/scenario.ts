/**
 * A scenario is everything needed to replay a playground session exactly: the cluster's
 * shape and seed, the editor text, and every step the user took at its simulated time.
 * The engine is deterministic, so replaying the steps reproduces the same cluster.
 */
export interface ScenarioStep {
  /** Simulated milliseconds at which the step ran. */
  time: number;
  kind: 'apply' | 'command';
  /** The YAML applied, or the command line run. */
  text: string;
}

export interface Scenario {
  seed: number;
  workers: number;
  editorText: string;
  steps: ScenarioStep[];
  /** Simulated milliseconds the session had reached. */
  time: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_WORKERS = 3;

export function emptyScenario(editorText = ''): Scenario {
  return { seed: DEFAULT_SEED, workers: DEFAULT_WORKERS, editorText, steps: [], time: 0 };
}
