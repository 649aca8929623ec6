import type { Command } from './context';

/**
 * Adds a top-level command (e.g. `traffic` from the networking slice) to a command list,
 * replacing one of the same name.
 */
export function registerCommand(list: Command[], cmd: Command): void {
  const i = list.findIndex((c) => c.name === cmd.name);
  if (i >= 0) list[i] = cmd;
  else list.push(cmd);
}
