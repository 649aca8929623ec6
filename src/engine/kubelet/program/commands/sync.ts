import type { CommandContext, CommandFn } from '../shell/interpreter';
import type { Program } from '../runtime';

/** A command that finishes at once, as a program that never blocks. */
export function finished(code: number): Program {
  return (function* (): Program {
    // Exit codes are 0–255: this never blocks, it only makes the function a generator.
    if (code < 0) yield { kind: 'sleep', ms: 0 };
    return code;
  })();
}

/** Wraps a command that runs without taking simulated time. */
export function sync(f: (c: CommandContext) => number): CommandFn {
  return (c) => finished(f(c));
}
