import type { TestCluster } from '../testing/testCluster';
import { runCommand } from './run';
import type { CommandHost, CommandResult } from './types';

/** A command session on a test cluster, with files that `apply -f` / `create -f` can read. */
export function session(tc: TestCluster, files: Record<string, string> = {}) {
  const host: CommandHost = { cluster: tc.cluster, readFile: (name) => files[name] };
  const run = (line: string): CommandResult => runCommand(host, line);
  /** Runs a line that must succeed and returns what it printed. */
  const ok = (line: string): string => {
    const r = run(line);
    if (r.exitCode !== 0) throw new Error(`"${line}" exited ${r.exitCode}:\n${r.output}`);
    return r.output;
  };
  return { host, run, ok, files };
}
