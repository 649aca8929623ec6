import type { Cluster } from '../cluster';

/** What a command prints and its exit status, stdout and stderr together as a terminal shows them. */
export interface CommandResult {
  exitCode: number;
  output: string;
}

/**
 * Where commands run: the cluster plus the files `kubectl apply -f <name>` can read (the CLI's
 * files from disk, the browser's editor buffer and scenario files).
 */
export interface CommandHost {
  readonly cluster: Cluster;
  readFile(name: string): string | undefined;
}
