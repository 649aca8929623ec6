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

/** The Deployment most command tests act on: `web`, nginx, labelled app=web. */
export function webDeployment(replicas = 2, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "${image}"}]
`;
}
