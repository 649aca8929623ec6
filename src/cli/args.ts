import { parseDuration } from '../engine/time';

export type OutputMode = 'json' | 'table' | 'trace';

export interface SimArgs {
  files: string[];
  until?: number;
  at: { at: number; command: string }[];
  seed: number;
  nodes: number;
  output: OutputMode;
  help: boolean;
}

export class ArgsError extends Error {}

export const USAGE = `Usage: npm run --silent sim -- [options] <file>...

Simulates a Kubernetes v1.36 cluster: applies the files at t=0 (as kubectl apply -f would),
runs the --at commands at their times, then runs --until the given time or until nothing is
left to happen (at most 10m after the last command).

Options:
  --until <duration>          simulated time to run, e.g. 90s, 5m
  --at "<duration> <command>" run a command at that time (repeatable)
  --seed <n>                  random seed (default 1)
  --nodes <n>                 worker nodes (default 3)
  -o, --output json|table|trace
  -                           read a file from standard input
`;

function duration(text: string, what: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new ArgsError(`invalid ${what} "${text}": expected a duration such as 90s, 5m or 1h30m`);
  }
}

function integer(text: string, what: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new ArgsError(`invalid ${what} "${text}": expected an integer of at least ${min}`);
  return Number(text);
}

/** Parses the CLI's arguments (contract §1 of /shared/contracts.md). */
export function parseSimArgs(argv: string[]): SimArgs {
  const out: SimArgs = { files: [], at: [], seed: 1, nodes: 3, output: 'json', help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new ArgsError(`option ${name} needs a value`);
      return argv[++i];
    };
    switch (name) {
      case '--until':
        out.until = duration(value(), '--until');
        break;
      case '--at': {
        const v = value().trim();
        const sp = v.search(/\s/);
        if (sp < 0) throw new ArgsError(`invalid --at "${v}": expected "<duration> <command>"`);
        out.at.push({ at: duration(v.slice(0, sp), '--at time'), command: v.slice(sp + 1).trim() });
        break;
      }
      case '--seed':
        out.seed = integer(value(), '--seed', 0);
        break;
      case '--nodes':
        out.nodes = integer(value(), '--nodes', 0);
        break;
      case '-o':
      case '--output': {
        const v = value();
        if (v !== 'json' && v !== 'table' && v !== 'trace') throw new ArgsError(`invalid output "${v}": expected json, table or trace`);
        out.output = v;
        break;
      }
      case '-h':
      case '--help':
        out.help = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') {
          if (a.startsWith('-o') && a.length > 2) {
            argv.splice(i + 1, 0, a.slice(2));
            argv[i] = '-o';
            i--;
            break;
          }
          throw new ArgsError(`unknown option ${a}`);
        }
        out.files.push(a);
    }
  }
  return out;
}
