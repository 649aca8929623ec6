/**
 * The console commands the canvas's chaos buttons run (the same text a person would type, so
 * the step is recorded in the scenario and replays identically).
 */
export function nodeDownCommand(node: string): string {
  return `chaos node-down ${node}`;
}

export function nodeUpCommand(node: string): string {
  return `chaos node-up ${node}`;
}

export function killPodCommand(pod: string, namespace = 'default'): string {
  return namespace === 'default' ? `chaos kill ${pod}` : `chaos kill ${pod} -n ${namespace}`;
}
