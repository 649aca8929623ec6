import type { CommandContext, CommandFn, CommandLookup } from '../shell/interpreter';
import type { Program } from '../runtime';
import { CORE_COMMANDS } from './core';
import { SERVER_COMMANDS, genericProcess } from './servers';
import { NETWORK_COMMANDS } from './network';
import { APP_COMMANDS, byPath } from './apps';
import { imageHasTool, NETWORK_TOOLS } from './imageTools';
import { sync } from './sync';
import { isBusybox } from './util';

const TABLE: Record<string, CommandFn> = { ...CORE_COMMANDS, ...SERVER_COMMANDS, ...NETWORK_COMMANDS, ...APP_COMMANDS };

/**
 * A command the simulation does not know. As the container's main program it runs until stopped
 * (a server or daemon from the image); inside a script it is a helper that finishes at once,
 * except on busybox and alpine, whose shells report what they do not have.
 */
function* unknown(c: CommandContext): Program {
  const name = c.argv[0];
  if (isBusybox(c.proc.image) && !name.includes('/')) {
    c.io.write(2, `${c.sh.name}: ${name}: not found\n`);
    return 127;
  }
  if (c.pid1 && !c.proc.initContainer) return yield* genericProcess(c);
  return 0;
}

/**
 * A network tool the image does not ship (curl in busybox): the shell cannot find it, in its
 * own words (busybox ash, Debian's dash, bash).
 */
const missing = sync((c: CommandContext): number => {
  const name = c.argv[0];
  const sh = c.sh.name;
  if (isBusybox(c.proc.image)) c.io.write(2, `${sh}: ${name}: not found\n`);
  else if (sh === 'bash') c.io.write(2, `bash: line 1: ${name}: command not found\n`);
  else c.io.write(2, `${sh}: 1: ${name}: not found\n`);
  return 127;
});

function lookup(cmd: string, image: string): CommandFn | undefined {
  const special = byPath(cmd, image);
  if (special) return special;
  const base = cmd.split('/').pop() ?? cmd;
  if (NETWORK_TOOLS.includes(base) && !imageHasTool(image, base)) return undefined;
  return Object.prototype.hasOwnProperty.call(TABLE, base) ? TABLE[base] : undefined;
}

/** The commands a container of `image` can run. */
export function commandsFor(image: string): CommandLookup {
  return (cmd: string) => {
    const found = lookup(cmd, image);
    if (found) return found;
    const base = cmd.split('/').pop() ?? cmd;
    return NETWORK_TOOLS.includes(base) && !imageHasTool(image, base) ? missing : unknown;
  };
}

/**
 * Whether the runtime can start `cmd` in a container of `image` (`kubectl exec` fails with
 * "executable file not found in $PATH" otherwise). Only programs the simulation knows count.
 */
export function commandExists(image: string, cmd: string): boolean {
  return lookup(cmd, image) !== undefined;
}
