import { useCallback } from 'react';
import { usePlaygroundStore } from '../../StoreContext';
import { killPodCommand, nodeDownCommand, nodeUpCommand } from '../model/chaos';

/** Chaos actions for canvas buttons: each runs the console's command, so it is recorded as a step. */
export function useChaos() {
  const store = usePlaygroundStore();
  const run = useCallback((line: string) => store.getState().runCommand(line), [store]);
  return {
    nodeDown: useCallback((node: string) => run(nodeDownCommand(node)), [run]),
    nodeUp: useCallback((node: string) => run(nodeUpCommand(node)), [run]),
    killPod: useCallback((name: string, namespace?: string) => run(killPodCommand(name, namespace)), [run]),
  };
}
