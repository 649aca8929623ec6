import { runCommand } from '../engine/kubectl/run';
import { allObjects, reportEvent, trafficReport, type SimulationResult } from '../engine/simulation';

/**
 * The -o json document: the final time, every object, every event, what each --at command
 * printed and, once a `traffic` client ran, one entry per client.
 */
export function jsonOutput(r: SimulationResult): string {
  const doc: Record<string, unknown> = {
    time: r.cluster.now() / 1000,
    items: allObjects(r.cluster),
    events: r.cluster.recorder.log.map(reportEvent),
    commands: r.commands,
  };
  const traffic = trafficReport(r.cluster);
  if (traffic.length) doc.traffic = traffic;
  return JSON.stringify(doc, null, 2) + '\n';
}

/** -o table: what `kubectl get all,nodes,pvc,pv,ingress -A -o wide` prints at the end. */
export function tableOutput(r: SimulationResult): string {
  const res = runCommand({ cluster: r.cluster, readFile: () => undefined }, 'kubectl get all,nodes,pvc,pv,ingress -A -o wide');
  return res.output;
}

/** -o trace: one JSON line per watch event and cluster event, in the order they happened. */
export function traceOutput(r: SimulationResult): string {
  return r.trace.map((t) => JSON.stringify(t) + '\n').join('');
}
