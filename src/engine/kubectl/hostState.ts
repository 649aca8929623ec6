import type { CommandHost } from './types';

/** What `kubectl config` changes for later commands on the same host (the kubeconfig's context). */
export interface HostState {
  namespace: string;
}

const STATES = new WeakMap<CommandHost, HostState>();

export function hostState(host: CommandHost): HostState {
  let s = STATES.get(host);
  if (!s) STATES.set(host, (s = { namespace: 'default' }));
  return s;
}

export const CONTEXT_NAME = 'podscape';
export const SERVER_URL = 'https://127.0.0.1:6443';
