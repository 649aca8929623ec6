import type { CommandContext, CommandFn, CommandLookup } from '../shell/interpreter';
import type { Program } from '../runtime';
import { CORE_COMMANDS } from './core';
import { SERVER_COMMANDS, genericProcess } from './servers';
import { NETWORK_COMMANDS } from './network';
import { APP_COMMANDS, byPath } from './apps';
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

/** The commands a container of `image` can run. */
export function commandsFor(image: string): CommandLookup {
  return (cmd: string) => {
    const special = byPath(cmd, image);
    if (special) return special;
    const base = cmd.split('/').pop() ?? cmd;
    return Object.prototype.hasOwnProperty.call(TABLE, base) ? TABLE[base] : unknown;
  };
}
