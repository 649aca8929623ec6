import { Shell, type CommandContext, type CommandFn } from '../shell/interpreter';
import { sync } from './sync';
import type { Program } from '../runtime';
import { normalizePath, FsError } from '../filesystem';
import { defaultDate, isBusybox, noSuchFile, parseSleep, strftime, unescape } from './util';

/** The text of stdin or of the named files (errors reported as the image's userland would). */
function readInputs(c: CommandContext, cmd: string, files: string[]): { text: string; failed: boolean } {
  if (files.length === 0) return { text: c.io.stdin ?? '', failed: false };
  let text = '';
  let failed = false;
  for (const f of files) {
    if (f === '-') {
      text += c.io.stdin ?? '';
      continue;
    }
    const content = c.proc.fs.read(normalizePath(f, c.sh.cwd), c.proc.time, c.proc.lookahead && !c.proc.planning);
    if (content === undefined) {
      c.io.write(2, noSuchFile(c, cmd, f));
      failed = true;
    } else text += content;
  }
  return { text, failed };
}

function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function echo(c: CommandContext): number {
  let args = c.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    if (args[0].includes('E')) escapes = false;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const r = unescape(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  c.io.write(1, newline ? `${text}\n` : text);
  return 0;
}

function printf(c: CommandContext): number {
  const [fmt, ...args] = c.argv.slice(1);
  if (fmt === undefined) {
    c.io.write(2, 'printf: usage: printf format [arguments]\n');
    return 1;
  }
  let out = '';
  let i = 0;
  do {
    const used = i;
    out += fmt.replace(/%(-?\d*)([sdbxq%])/g, (_m, width: string, k: string) => {
      if (k === '%') return '%';
      const a = args[i++] ?? '';
      let v = k === 'd' ? String(Number.parseInt(a, 10) || 0) : k === 'x' ? (Number.parseInt(a, 10) || 0).toString(16) : k === 'b' ? unescape(a).text : a;
      const w = Number(width.replace('-', '')) || 0;
      if (v.length < w) v = width.startsWith('-') ? v.padEnd(w) : v.padStart(w);
      return v;
    });
    if (i === used) break;
  } while (i < args.length);
  c.io.write(1, unescape(out).text);
  return 0;
}

function* sleep(c: CommandContext): Program {
  const args = c.argv.slice(1);
  if (args.length === 0) {
    c.io.write(2, isBusybox(c.proc.image) ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseSleep(a);
    if (ms === undefined) {
      c.io.write(2, isBusybox(c.proc.image) ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`);
      return 1;
    }
    total += ms;
  }
  if (total === Infinity) yield { kind: 'forever' };
  else if (total > 0) yield { kind: 'sleep', ms: total };
  return 0;
}

function touch(c: CommandContext): number {
  for (const f of c.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = normalizePath(f, c.sh.cwd);
    try {
      if (c.proc.fs.read(path, c.proc.time) === undefined) c.proc.fs.write(path, c.proc.time, '');
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      c.io.write(2, `touch: ${f}: ${e.message}\n`);
      return 1;
    }
  }
  return 0;
}

function rm(c: CommandContext): number {
  const args = c.argv.slice(1);
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a));
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    const path = normalizePath(f, c.sh.cwd);
    const kind = c.proc.fs.kind(path, c.proc.time);
    if (!kind) {
      if (!force) {
        c.io.write(2, noSuchFile(c, 'rm', f));
        status = 1;
      }
      continue;
    }
    try {
      if (kind === 'dir') {
        if (!recursive) {
          c.io.write(2, `rm: '${f}' is a directory\n`);
          status = 1;
          continue;
        }
        for (const name of c.proc.fs.list(path, c.proc.time)) c.proc.fs.write(`${path}/${name}`, c.proc.time, null);
      }
      c.proc.fs.write(path, c.proc.time, null);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      c.io.write(2, `rm: can't remove '${f}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

function cat(c: CommandContext): number {
  const { text, failed } = readInputs(
    c,
    'cat',
    c.argv.slice(1).filter((a) => !/^-[a-zA-Z]+$/.test(a)),
  );
  c.io.write(1, text);
  return failed ? 1 : 0;
}

function ls(c: CommandContext): number {
  const args = c.argv.slice(1);
  const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
  const all = args.some((a) => /^-[a-zA-Z]*a/.test(a));
  const targets = args.filter((a) => !a.startsWith('-'));
  if (targets.length === 0) targets.push(c.sh.cwd);
  let status = 0;
  for (const t of targets) {
    const path = normalizePath(t, c.sh.cwd);
    const kind = c.proc.fs.kind(path, c.proc.time);
    if (!kind) {
      c.io.write(2, noSuchFile(c, 'ls', t));
      status = isBusybox(c.proc.image) ? 1 : 2;
      continue;
    }
    if (targets.length > 1) c.io.write(1, `${t}:\n`);
    let names = kind === 'file' ? [t] : c.proc.fs.list(path, c.proc.time);
    if (!all) names = names.filter((n) => !n.startsWith('.'));
    for (const n of names) {
      if (!long) {
        c.io.write(1, `${n}\n`);
        continue;
      }
      const full = kind === 'file' ? path : `${path}/${n}`;
      const k = c.proc.fs.kind(full, c.proc.time);
      const size = k === 'file' ? (c.proc.fs.read(full, c.proc.time) ?? '').length : 4096;
      c.io.write(1, `${k === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root     ${String(size).padStart(8)} ${strftime('%b %e %H:%M', c.proc.time)} ${n}\n`);
    }
  }
  return status;
}

function mkdir(c: CommandContext): number {
  for (const d of c.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = normalizePath(d, c.sh.cwd);
    try {
      if (!c.proc.fs.kind(path, c.proc.time)) c.proc.fs.write(path, c.proc.time, '', true);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      c.io.write(2, `mkdir: can't create directory '${d}': ${e.message}\n`);
      return 1;
    }
  }
  return 0;
}

function cpOrMv(c: CommandContext): number {
  const cmd = c.argv[0].split('/').pop()!;
  const args = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (args.length < 2) return 1;
  const dst = normalizePath(args[args.length - 1], c.sh.cwd);
  const dstIsDir = c.proc.fs.kind(dst, c.proc.time) === 'dir';
  for (const s of args.slice(0, -1)) {
    const src = normalizePath(s, c.sh.cwd);
    const content = c.proc.fs.read(src, c.proc.time);
    if (content === undefined) {
      c.io.write(2, `${cmd}: can't stat '${s}': No such file or directory\n`);
      return 1;
    }
    try {
      c.proc.fs.write(dstIsDir ? `${dst}/${src.split('/').pop()}` : dst, c.proc.time, content);
      if (cmd === 'mv') c.proc.fs.write(src, c.proc.time, null);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      c.io.write(2, `${cmd}: can't create '${args[args.length - 1]}': ${e.message}\n`);
      return 1;
    }
  }
  return 0;
}

function tee(c: CommandContext): number {
  const append = c.argv.includes('-a');
  const input = c.io.stdin ?? '';
  for (const f of c.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = normalizePath(f, c.sh.cwd);
    const cur = append ? (c.proc.fs.read(path, c.proc.time) ?? '') : '';
    try {
      c.proc.fs.write(path, c.proc.time, cur + input);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
    }
  }
  c.io.write(1, input);
  return 0;
}

function countArg(args: string[], def: number): { n: number; fromStart: boolean; rest: string[] } {
  let n = def;
  let fromStart = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '-n' || a === '-c') v = args[++i];
    else if (/^-n.+/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('-')) continue;
    else {
      rest.push(a);
      continue;
    }
    if (v === undefined) continue;
    if (v.startsWith('+')) {
      fromStart = true;
      v = v.slice(1);
    }
    n = Number.parseInt(v, 10) || 0;
  }
  return { n, fromStart, rest };
}

function head(c: CommandContext): number {
  const { n, rest } = countArg(c.argv.slice(1), 10);
  const { text, failed } = readInputs(c, 'head', rest);
  for (const l of lines(text).slice(0, n)) c.io.write(1, `${l}\n`);
  return failed ? 1 : 0;
}

/** `tail`, including `-f`/`-F`, which keeps printing what other processes append to the file. */
function* tail(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const follow = args.some((a) => /^-[a-zA-Z]*[fF]/.test(a) || a === '--follow');
  const retry = args.some((a) => /^-[a-zA-Z]*F/.test(a) || a === '--retry');
  const { n, fromStart, rest } = countArg(
    args.filter((a) => !/^-[fF]+$/.test(a) && a !== '--follow' && a !== '--retry'),
    10,
  );
  if (!follow || rest.length === 0) {
    const { text, failed } = readInputs(c, 'tail', rest);
    const ls = lines(text);
    for (const l of fromStart ? ls.slice(Math.max(0, n - 1)) : ls.slice(Math.max(0, ls.length - n))) c.io.write(1, `${l}\n`);
    if (follow) yield { kind: 'forever' };
    return failed ? 1 : 0;
  }
  const path = normalizePath(rest[0], c.sh.cwd);
  const p = c.proc;
  if (p.planning) yield { kind: 'forever' };
  let offset = -1;
  let warned = false;
  for (;;) {
    const content = p.fs.read(path, p.time);
    if (content === undefined) {
      if (!warned) {
        c.io.write(2, noSuchFile(c, 'tail', rest[0]));
        if (!retry && !isBusybox(p.image)) return 1;
        warned = true;
      }
    } else if (offset < 0) {
      if (warned) c.io.write(2, isBusybox(p.image) ? `tail: ${rest[0]} has appeared; following end of new file\n` : `tail: '${rest[0]}' has appeared;  following new file\n`);
      const ls = lines(content);
      const first = fromStart ? ls.slice(Math.max(0, n - 1)) : ls.slice(Math.max(0, ls.length - n));
      for (const l of first) c.io.write(1, `${l}\n`);
      offset = content.length;
    } else if (content.length > offset) {
      c.io.write(1, content.slice(offset));
      offset = content.length;
    } else if (content.length < offset) {
      c.io.write(2, `tail: ${rest[0]}: file truncated\n`);
      offset = 0;
    }
    yield { kind: 'sleep', ms: 1000 };
  }
}

function wc(c: CommandContext): number {
  const args = c.argv.slice(1);
  const files = args.filter((a) => !a.startsWith('-'));
  const { text, failed } = readInputs(c, 'wc', files);
  const l = (text.match(/\n/g) ?? []).length;
  const w = text.split(/\s+/).filter(Boolean).length;
  const b = text.length;
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const parts: number[] = [];
  if (!flags || flags.includes('l')) parts.push(l);
  if (!flags || flags.includes('w')) parts.push(w);
  if (!flags || flags.includes('c')) parts.push(b);
  c.io.write(1, `${parts.map((x) => String(x).padStart(flags ? 0 : 7)).join(' ')}${files[0] ? ` ${files[0]}` : ''}\n`);
  return failed ? 1 : 0;
}

function grep(c: CommandContext): number {
  const args = c.argv.slice(1);
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const rest = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
  const [pattern, ...files] = rest;
  if (pattern === undefined) return 2;
  const { text, failed } = readInputs(c, 'grep', files);
  let re: RegExp;
  try {
    re = new RegExp(flags.includes('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, flags.includes('i') ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const matched = lines(text).filter((l) => re.test(l) !== flags.includes('v'));
  if (!flags.includes('q')) {
    if (flags.includes('c')) c.io.write(1, `${matched.length}\n`);
    else for (const l of matched) c.io.write(1, `${l}\n`);
  }
  if (failed) return 2;
  return matched.length ? 0 : 1;
}

function rev(c: CommandContext): number {
  const { text, failed } = readInputs(c, 'rev', c.argv.slice(1));
  for (const l of lines(text)) c.io.write(1, `${[...l].reverse().join('')}\n`);
  return failed ? 1 : 0;
}

function sort(c: CommandContext): number {
  const args = c.argv.slice(1);
  const { text } = readInputs(c, 'sort', args.filter((a) => !a.startsWith('-')));
  const ls = lines(text).sort();
  if (args.includes('-r')) ls.reverse();
  for (const l of ls) c.io.write(1, `${l}\n`);
  return 0;
}

function uniq(c: CommandContext): number {
  const { text } = readInputs(c, 'uniq', c.argv.slice(1).filter((a) => !a.startsWith('-')));
  let prev: string | undefined;
  for (const l of lines(text)) {
    if (l !== prev) c.io.write(1, `${l}\n`);
    prev = l;
  }
  return 0;
}

function date(c: CommandContext): number {
  const fmt = c.argv.slice(1).find((a) => a.startsWith('+'));
  if (c.argv.includes('-Iseconds') || c.argv.includes('--iso-8601=seconds')) {
    c.io.write(1, `${strftime('%Y-%m-%dT%H:%M:%S', c.proc.time)}+00:00\n`);
    return 0;
  }
  c.io.write(1, `${fmt ? strftime(fmt.slice(1), c.proc.time) : defaultDate(c.proc.time)}\n`);
  return 0;
}

function hostname(c: CommandContext): number {
  const args = c.argv.slice(1);
  c.io.write(1, `${args.includes('-i') || args.includes('-I') ? c.proc.podIP : c.proc.hostname}\n`);
  return 0;
}

function printenv(c: CommandContext): number {
  const env = c.sh.environment();
  const names = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    for (const [k, v] of env) c.io.write(1, `${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = env.get(n);
    if (v === undefined) status = 1;
    else c.io.write(1, `${v}\n`);
  }
  return status;
}

function* env(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const assigns: [string, string][] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(args[i]);
    if (!m) break;
    assigns.push([m[1], m[2]]);
  }
  if (i < args.length) {
    for (const [k, v] of assigns) c.sh.vars.set(k, v);
    return yield* c.sh.invoke(args.slice(i), c.io, c.pid1);
  }
  for (const [k, v] of c.sh.environment()) c.io.write(1, `${k}=${v}\n`);
  for (const [k, v] of assigns) c.io.write(1, `${k}=${v}\n`);
  return 0;
}

function seq(c: CommandContext): number {
  const nums = c.argv.slice(1).map(Number);
  const [a, s, b] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
  if (s === 0 || [a, s, b].some((x) => !Number.isFinite(x))) return 1;
  let out = '';
  for (let x = a, n = 0; s > 0 ? x <= b : x >= b; x += s, n++) {
    if (n > 1_000_000) break;
    out += `${x}\n`;
  }
  c.io.write(1, out);
  return 0;
}

function simpleOut(c: CommandContext, text: string): number {
  c.io.write(1, text);
  return 0;
}

function uname(c: CommandContext): number {
  const a = c.argv.includes('-a');
  return simpleOut(c, a ? `Linux ${c.proc.hostname} 6.8.0-87-generic #88-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : c.argv.includes('-r') ? '6.8.0-87-generic\n' : 'Linux\n');
}

/** `test`, `[` and `[[`: file tests, string and integer comparisons, ! -a -o. */
export function evalTest(args: string[], c: CommandContext): boolean {
  const p = c.proc;
  const strict = p.lookahead && !p.planning;
  const fileKind = (f: string) => p.fs.kind(normalizePath(f, c.sh.cwd), p.time, strict);
  const unary = (op: string, v: string): boolean | undefined => {
    switch (op) {
      case '-e':
      case '-a':
        return fileKind(v) !== undefined;
      case '-f':
        return fileKind(v) === 'file';
      case '-d':
        return fileKind(v) === 'dir';
      case '-s':
        return (p.fs.read(normalizePath(v, c.sh.cwd), p.time, strict) ?? '').length > 0;
      case '-r':
      case '-w':
      case '-x':
        return fileKind(v) !== undefined;
      case '-z':
        return v.length === 0;
      case '-n':
        return v.length > 0;
    }
    return undefined;
  };
  const binary = (a: string, op: string, b: string): boolean | undefined => {
    const ni = (x: string) => Number.parseInt(x, 10) || 0;
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '-eq':
        return ni(a) === ni(b);
      case '-ne':
        return ni(a) !== ni(b);
      case '-lt':
        return ni(a) < ni(b);
      case '-le':
        return ni(a) <= ni(b);
      case '-gt':
        return ni(a) > ni(b);
      case '-ge':
        return ni(a) >= ni(b);
      case '<':
        return a < b;
      case '>':
        return a > b;
    }
    return undefined;
  };
  const orIdx = args.lastIndexOf('-o') > 0 ? args.lastIndexOf('-o') : args.lastIndexOf('||');
  if (orIdx > 0) return evalTest(args.slice(0, orIdx), c) || evalTest(args.slice(orIdx + 1), c);
  const andIdx = args.lastIndexOf('-a') > 0 && args.length > 3 ? args.lastIndexOf('-a') : args.lastIndexOf('&&');
  if (andIdx > 0) return evalTest(args.slice(0, andIdx), c) && evalTest(args.slice(andIdx + 1), c);
  if (args[0] === '!') return !evalTest(args.slice(1), c);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0].length > 0;
  if (args.length === 2) return unary(args[0], args[1]) ?? false;
  if (args.length === 3) return binary(args[0], args[1], args[2]) ?? false;
  return false;
}

function test(c: CommandContext): number {
  let args = c.argv.slice(1);
  const name = c.argv[0];
  if (name === '[') args = args[args.length - 1] === ']' ? args.slice(0, -1) : args;
  if (name === '[[') args = args[args.length - 1] === ']]' ? args.slice(0, -1) : args;
  return evalTest(args, c) ? 0 : 1;
}

function expr(c: CommandContext): number {
  const [a, op, b] = c.argv.slice(1);
  const x = Number(a);
  const y = Number(b);
  let r: number | string;
  switch (op) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      r = Math.trunc(x / y);
      break;
    case '%':
      r = x % y;
      break;
    default:
      r = a ?? '';
  }
  c.io.write(1, `${r}\n`);
  return r === 0 || r === '' ? 1 : 0;
}

/** `sh -c script`, `sh file`, or a shell with nothing to read (exits at once without a terminal). */
function* shell(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const name = c.argv[0].split('/').pop()!;
  let i = 0;
  let script: string | undefined;
  const opts: string[] = [];
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') {
      script = args[++i] ?? '';
      i++;
      break;
    }
    if (/^-[a-zA-Z]+$/.test(a) || /^\+[a-zA-Z]+$/.test(a)) {
      if (a.includes('c')) {
        script = args[++i] ?? '';
        i++;
        break;
      }
      opts.push(a);
      continue;
    }
    break;
  }
  // The container's main shell is the process the kubelet signals: it runs the script itself.
  const sub = c.pid1 ? c.sh : new Shell(c.proc, c.sh.commands, c.sh.vars);
  sub.name = name;
  if (sub !== c.sh) for (const [k, v] of c.sh.arrays) sub.arrays.set(k, v);
  sub.cwd = c.sh.cwd;
  if (opts.some((o) => o.includes('e'))) sub.errexit = true;
  if (opts.some((o) => o.includes('x'))) sub.xtrace = true;
  if (script !== undefined) {
    sub.positional = [args[i] ?? name, ...args.slice(i + 1)];
    return yield* sub.runScript(script, c.io, c.pid1);
  }
  const file = args[i];
  if (file !== undefined) {
    const text = c.proc.fs.read(normalizePath(file, c.sh.cwd), c.proc.time);
    if (text === undefined) {
      // A script baked into an image we do not model: it runs as the container's program.
      return yield* c.sh.invoke([file, ...args.slice(i + 1)], c.io, c.pid1);
    }
    sub.positional = [file, ...args.slice(i + 1)];
    return yield* sub.runScript(text, c.io, c.pid1);
  }
  // No script and no terminal: the shell reads an empty stdin and exits.
  if (c.io.stdin) {
    return yield* sub.runScript(c.io.stdin, c.io, c.pid1);
  }
  if (c.proc.interactive) yield { kind: 'forever' };
  return 0;
}

function* wrapper(c: CommandContext): Program {
  // tini, dumb-init, nohup, stdbuf, timeout-less wrappers: run their argument as the program.
  let args = c.argv.slice(1);
  while (args.length && args[0].startsWith('-')) args = args.slice(args[0] === '--' ? 1 : 1);
  if (args.length === 0) return 0;
  return yield* c.sh.invoke(args, c.io, c.pid1);
}

function* timeout(c: CommandContext): Program {
  const args = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  const limit = parseSleep(args[0] ?? '') ?? 0;
  const start = c.proc.time;
  const gen = c.sh.invoke(args.slice(1), c.io, false);
  for (let r = gen.next(); ; ) {
    if (r.done) return r.value;
    const step = r.value;
    const remaining = start + limit - c.proc.time;
    if (step.kind === 'forever' || step.ms >= remaining) {
      if (remaining > 0) yield { kind: 'sleep', ms: remaining };
      return 124;
    }
    const resume = yield step;
    r = gen.next(resume);
  }
}

function killall(c: CommandContext): number {
  const args = c.argv.slice(1);
  const names = args.filter((a) => !a.startsWith('-'));
  const check = args.includes('-0');
  const running = names.every((n) => c.proc.mainRunning?.(n, c.proc.time) ?? false);
  if (check) return running ? 0 : 1;
  for (const n of names) c.proc.signalMain?.(n, 'TERM', c.proc.time);
  return running ? 0 : 1;
}

function pidof(c: CommandContext): number {
  const name = c.argv[1] ?? '';
  if (c.proc.mainRunning?.(name, c.proc.time)) {
    c.io.write(1, '1\n');
    return 0;
  }
  return 1;
}

export const CORE_COMMANDS: Record<string, CommandFn> = {
  echo: sync(echo),
  printf: sync(printf),
  sleep,
  true: sync(() => 0),
  false: sync(() => 1),
  ':': sync(() => 0),
  touch: sync(touch),
  rm: sync(rm),
  cat: sync(cat),
  ls: sync(ls),
  mkdir: sync(mkdir),
  cp: sync(cpOrMv),
  mv: sync(cpOrMv),
  tee: sync(tee),
  head: sync(head),
  tail,
  wc: sync(wc),
  grep: sync(grep),
  egrep: sync(grep),
  rev: sync(rev),
  sort: sync(sort),
  uniq: sync(uniq),
  date: sync(date),
  hostname: sync(hostname),
  printenv: sync(printenv),
  env,
  seq: sync(seq),
  uname: sync(uname),
  pwd: sync((c) => simpleOut(c, `${c.sh.cwd}\n`)),
  basename: sync((c) => simpleOut(c, `${(c.argv[1] ?? '').replace(/\/$/, '').split('/').pop()}\n`)),
  dirname: sync((c) => simpleOut(c, `${(c.argv[1] ?? '').replace(/\/[^/]*\/?$/, '') || '/'}\n`)),
  id: sync((c) => simpleOut(c, 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n')),
  whoami: sync((c) => simpleOut(c, 'root\n')),
  test: sync(test),
  '[': sync(test),
  '[[': sync(test),
  expr: sync(expr),
  sh: shell,
  bash: shell,
  ash: shell,
  dash: shell,
  tini: wrapper,
  'dumb-init': wrapper,
  nohup: wrapper,
  stdbuf: wrapper,
  timeout,
  killall: sync(killall),
  pkill: sync(killall),
  pidof: sync(pidof),
  kill: sync(() => 0),
  chmod: sync(() => 0),
  chown: sync(() => 0),
  ln: sync(() => 0),
  sync: sync(() => 0),
  clear: sync(() => 0),
};
