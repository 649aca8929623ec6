import { usageError } from '../errors';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

/** A flag as cobra/pflag declares it: long name, optional one-letter shorthand, type, default. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: unknown;
  /** pflag's NoOptDefVal: the value of `--flag` given without one (`--dry-run` means client). */
  noOptDefault?: string;
}

export const flag = (name: string, type: FlagType, opts: { short?: string; default?: unknown; noOptDefault?: string } = {}): FlagSpec => ({ name, type, ...opts });

/** Flags every command accepts (kubectl's global options). Only --namespace changes anything here. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  flag('namespace', 'string', { short: 'n' }),
  flag('context', 'string'),
  flag('cluster', 'string'),
  flag('user', 'string'),
  flag('kubeconfig', 'string'),
  flag('server', 'string', { short: 's' }),
  flag('request-timeout', 'string'),
  flag('v', 'int', { short: 'v' }),
  flag('help', 'bool', { short: 'h' }),
];

export interface ParsedArgs {
  /** Positional arguments, including those after `--`. */
  args: string[];
  /** How many positionals came before `--` (cobra's ArgsLenAtDash), or -1 without `--`. */
  argsLenAtDash: number;
  flags: Map<string, unknown>;
  /** Flags the user set explicitly. */
  changed: Set<string>;
}

function parseValue(spec: FlagSpec, raw: string, shown: string, path: string): unknown {
  switch (spec.type) {
    case 'bool':
      if (/^(1|t|T|TRUE|true|True)$/.test(raw)) return true;
      if (/^(0|f|F|FALSE|false|False)$/.test(raw)) return false;
      throw usageError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`, path);
    case 'int':
      if (!/^[-+]?\d+$/.test(raw)) throw usageError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`, path);
      return Number(raw);
    default:
      return raw;
  }
}

function store(parsed: ParsedArgs, spec: FlagSpec, value: unknown): void {
  parsed.changed.add(spec.name);
  const prev = (parsed.flags.get(spec.name) as string[] | undefined) ?? [];
  if (spec.type === 'stringArray') parsed.flags.set(spec.name, [...prev, value as string]);
  else if (spec.type === 'stringSlice') parsed.flags.set(spec.name, [...prev, ...(String(value) === '' ? [] : String(value).split(','))]);
  else parsed.flags.set(spec.name, value);
}

/**
 * pflag's parsing: `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, booleans
 * as `--all` or `--all=false`, grouped short booleans (`-it`), and `--` ending the flags.
 * `path` is the command path for cobra's "See 'kubectl <path> --help'" hint.
 */
export function parseFlags(tokens: string[], specs: FlagSpec[], path: string): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of [...GLOBAL_FLAGS, ...specs]) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const parsed: ParsedArgs = { args: [], argsLenAtDash: -1, flags: new Map(), changed: new Set() };
  for (const s of byName.values()) {
    if (s.default !== undefined) parsed.flags.set(s.name, s.default);
    else if (s.type === 'stringArray' || s.type === 'stringSlice') parsed.flags.set(s.name, []);
  }
  const arrays = new Set<string>();
  const put = (spec: FlagSpec, value: unknown) => {
    if ((spec.type === 'stringArray' || spec.type === 'stringSlice') && !arrays.has(spec.name)) {
      parsed.flags.set(spec.name, []);
      arrays.add(spec.name);
    }
    store(parsed, spec, value);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '--') {
      parsed.argsLenAtDash = parsed.args.length;
      parsed.args.push(...tokens.slice(i + 1));
      break;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw usageError(`unknown flag: --${name}`, path);
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) put(spec, parseValue(spec, t.slice(eq + 1), shown, path));
      else if (spec.type === 'bool') put(spec, true);
      else if (spec.noOptDefault !== undefined) put(spec, spec.noOptDefault);
      else {
        if (i + 1 >= tokens.length) throw usageError(`flag needs an argument: --${name}`, path);
        put(spec, parseValue(spec, tokens[++i], shown, path));
      }
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      for (let j = 1; j < t.length; j++) {
        const c = t[j];
        const spec = byShort.get(c);
        if (!spec) throw usageError(`unknown shorthand flag: '${c}' in ${t}`, path);
        const shown = `-${spec.short}, --${spec.name}`;
        if (spec.type === 'bool') {
          if (t[j + 1] === '=') {
            put(spec, parseValue(spec, t.slice(j + 2), shown, path));
            break;
          }
          put(spec, true);
          continue;
        }
        let value = t.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        else if (value === '') {
          if (i + 1 >= tokens.length) throw usageError(`flag needs an argument: '${c}' in ${t}`, path);
          value = tokens[++i];
        }
        put(spec, parseValue(spec, value, shown, path));
        break;
      }
      continue;
    }
    parsed.args.push(t);
  }
  return parsed;
}
