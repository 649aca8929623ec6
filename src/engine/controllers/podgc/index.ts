import type { Controller, ControllerContext } from '../controller';

/** Starts this group's controllers. */
export function start(_ctx: ControllerContext): Controller[] {
  return [];
}
