import type { Controller, ControllerContext } from './controller';

/** Starts kube-controller-manager's controllers. */
export function startControllers(_ctx: ControllerContext): Map<string, Controller> {
  const controllers = new Map<string, Controller>();
  return controllers;
}
