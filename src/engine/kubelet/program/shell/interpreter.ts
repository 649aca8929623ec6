import type { AndOr, Command, List, Pipeline, Redirect, Word } from './ast';
import { mayLeaveLoop } from './ast';
import { evalArith } from './arith';
import { literalOf, parseScript, parseWordText, ShellSyntaxError } from './parser';
import { ExitSignal, LoopControl, STEP_BUDGET, type Process, type Program, type Step } from '../runtime';
import { FsError, normalizePath } from '../filesystem';

export interface IO {
  /** Text on standard input, or null when stdin is closed (no terminal, no pipe). */
  stdin: string | null;
  write(fd: 1 | 2, text: string): void;
}

export interface CommandContext {
  argv: string[];
  sh: Shell;
  io: IO;
  proc: Process;
  /** The command runs as the container's main process (PID 1): it receives the stop signal. */
  pid1: boolean;
}

export type CommandFn = (c: CommandContext) => Program;
export type CommandLookup = (name: string) => CommandFn | undefined;

/** Iterations of a loop that take no simulated time before it is treated as a busy loop. */
const SPIN_LIMIT = 2_000;

/** Signal numbers for trap names. */
const SIGNALS: Record<string, string> = { '15': 'TERM', TERM: 'TERM', SIGTERM: 'TERM', '2': 'INT', INT: 'INT', SIGINT: 'INT', '0': 'EXIT', EXIT: 'EXIT', '1': 'HUP', HUP: 'HUP', SIGHUP: 'HUP', '3': 'QUIT', QUIT: 'QUIT', SIGQUIT: 'QUIT' };

/**
 * A POSIX shell (busybox ash flavour, with the bash arrays the docs use) running as a simulated
 * process: commands take simulated time only through the steps they yield.
 */
export class Shell {
  readonly vars = new Map<string, string>();
  readonly arrays = new Map<string, string[]>();
  positional: string[] = ['sh'];
  status = 0;
  readonly traps = new Map<string, string>();
  private readonly trapsFired = new Set<string>();
  errexit = false;
  xtrace = false;
  cwd = '/';
  /** When the background jobs started with `&` end (absolute ms; Infinity = never). */
  bgEnd = -Infinity;
  /** The name the shell reports in its own error messages. */
  name = 'sh';
  private trapStatus?: number;

  constructor(
    readonly proc: Process,
    readonly commands: CommandLookup,
    env: ReadonlyMap<string, string>,
  ) {
    for (const [k, v] of env) this.vars.set(k, v);
  }

  get(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return '1';
      case '#':
        return String(Math.max(0, this.positional.length - 1));
      case '@':
      case '*':
        return this.positional.slice(1).join(' ');
      case '!':
        return '';
      case 'RANDOM':
        return String((this.proc.time * 7919) % 32768);
      case 'SECONDS':
        return String(Math.floor((this.proc.time - this.proc.startedAt) / 1000));
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name)];
    const arr = this.arrays.get(name);
    if (arr) return arr[0];
    return this.vars.get(name);
  }

  /** The exported environment (what printenv shows). */
  environment(): Map<string, string> {
    return new Map(this.vars);
  }

  /** Runs a `-c` script; the result is the shell's exit status. */
  *runScript(src: string, io: IO, asPid1: boolean): Program {
    let list: List;
    try {
      list = parseScript(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.write(2, `${this.name}: ${e.message}\n`);
      return 2;
    }
    try {
      const code = yield* this.runList(list, io, asPid1);
      yield* this.runExitTrap(io);
      return code;
    } catch (e) {
      if (e instanceof ExitSignal) {
        yield* this.runExitTrap(io);
        return e.code;
      }
      if (e instanceof LoopControl) return this.status;
      throw e;
    }
  }

  private *runExitTrap(io: IO): Generator<Step, void, any> {
    const action = this.traps.get('EXIT');
    if (action === undefined || this.trapsFired.has('EXIT')) return;
    this.trapsFired.add('EXIT');
    try {
      yield* this.runList(parseScript(action), io, false);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
    }
  }

  /** A signal that arrived while a foreground command ran is handled once that command returns. */
  *checkTraps(io: IO): Generator<Step, void, any> {
    const p = this.proc;
    if (p.termAt === undefined || p.termAt > p.time) return;
    const action = this.traps.get('TERM');
    if (action === undefined || this.trapsFired.has('TERM')) return;
    this.trapsFired.add('TERM');
    if (action.trim() === '') return;
    // `exit` without a status inside the trap exits with the status from before the trap (POSIX).
    this.trapStatus = this.status;
    try {
      yield* this.runList(parseScript(action), io, false);
    } finally {
      this.trapStatus = undefined;
    }
  }

  /** Whether TERM is handled by this shell (a trap is set). */
  handlesTerm(): boolean {
    const a = this.traps.get('TERM');
    return a !== undefined && a.trim() !== '';
  }

  *runList(list: List, io: IO, top: boolean): Generator<Step, number, any> {
    let status = 0;
    for (let i = 0; i < list.items.length; i++) {
      const ao = list.items[i];
      const last = top && i === list.items.length - 1;
      if (ao.background) {
        this.runBackground(ao, io);
        status = 0;
      } else {
        status = yield* this.runAndOr(ao, io, last);
      }
      this.status = status;
      yield* this.checkTraps(io);
      if (status !== 0 && this.errexit && !ao.background && ao.rest.length === 0 && !ao.first.negate) throw new ExitSignal(status);
    }
    return status;
  }

  /** `cmd &`: runs alongside; only its end time matters to `wait` (its output still reaches the log). */
  private runBackground(ao: AndOr, io: IO): void {
    const start = this.proc.time;
    // Run the job to completion on its own timeline, then rewind the shell's clock.
    const sub = this.runAndOr(ao, io, false);
    let elapsed = 0;
    let forever = false;
    for (let r = sub.next(); !r.done; r = sub.next({})) {
      const step = r.value;
      if (step.kind === 'forever' || elapsed > 7 * 24 * 3_600_000) {
        forever = true;
        break;
      }
      elapsed += step.ms;
      this.proc.time = start + elapsed;
    }
    this.proc.time = start;
    this.bgEnd = Math.max(this.bgEnd, forever ? Infinity : start + elapsed);
  }

  private *runAndOr(ao: AndOr, io: IO, last: boolean): Generator<Step, number, any> {
    let status = yield* this.runPipeline(ao.first, io, last && ao.rest.length === 0);
    for (const r of ao.rest) {
      this.status = status;
      if ((r.op === '&&' && status === 0) || (r.op === '||' && status !== 0)) {
        status = yield* this.runPipeline(r.pipeline, io, false);
      }
    }
    return status;
  }

  private *runPipeline(p: Pipeline, io: IO, last: boolean): Generator<Step, number, any> {
    let status: number;
    if (p.commands.length === 1) {
      status = yield* this.runCommand(p.commands[0], io, last && !p.negate);
    } else {
      let input = io.stdin;
      let upstreamForever = false;
      status = 0;
      for (let i = 0; i < p.commands.length; i++) {
        const isLast = i === p.commands.length - 1;
        if (isLast) {
          status = yield* this.runCommand(p.commands[i], { stdin: input, write: io.write }, false);
          if (upstreamForever) yield { kind: 'forever' };
          break;
        }
        let buf = '';
        const pipeIO: IO = { stdin: input, write: (fd, text) => (fd === 1 ? (buf += text) : io.write(fd, text)) };
        const gen = this.runCommand(p.commands[i], pipeIO, false);
        for (let r = gen.next(); ; ) {
          if (r.done) break;
          if (r.value.kind === 'forever') {
            upstreamForever = true;
            break;
          }
          const resume = yield r.value;
          r = gen.next(resume);
        }
        input = buf;
      }
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  *runCommand(c: Command, io: IO, pid1: boolean): Generator<Step, number, any> {
    const cio = c.redirs.length ? this.redirect(c.redirs, io) : io;
    if (!cio) return 1;
    switch (c.t) {
      case 'simple':
        return yield* this.runSimple(c, cio, pid1);
      case 'group': {
        if (!c.subshell) return yield* this.runList(c.body, cio, false);
        const saved = new Map(this.vars);
        try {
          return yield* this.runList(c.body, cio, false);
        } catch (e) {
          if (e instanceof ExitSignal) return e.code;
          throw e;
        } finally {
          this.vars.clear();
          for (const [k, v] of saved) this.vars.set(k, v);
        }
      }
      case 'if': {
        for (const b of c.branches) {
          const cond = yield* this.runList(b.cond, cio, false);
          if (cond === 0) return yield* this.runList(b.body, cio, false);
        }
        return c.otherwise ? yield* this.runList(c.otherwise, cio, false) : 0;
      }
      case 'for': {
        const items: string[] = [];
        if (c.items) for (const w of c.items) items.push(...(yield* this.expandWord(w, cio)));
        else items.push(...this.positional.slice(1));
        let status = 0;
        for (const item of items) {
          this.vars.set(c.name, item);
          try {
            status = yield* this.runList(c.body, cio, false);
          } catch (e) {
            if (!(e instanceof LoopControl)) throw e;
            if (e.levels > 1) {
              e.levels--;
              throw e;
            }
            if (e.kind === 'break') break;
          }
        }
        return status;
      }
      case 'while':
        return yield* this.runWhile(c, cio);
    }
  }

  private *runWhile(c: Extract<Command, { t: 'while' }>, io: IO): Generator<Step, number, any> {
    const p = this.proc;
    if (p.lookahead && p.planning && isConstantTrue(c.cond, c.until) && !mayLeaveLoop(c.body) && !(p.termAt !== undefined && this.handlesTerm())) {
      // A `while true` with no way out never ends: the plan need not run it.
      yield { kind: 'forever' };
    }
    let status = 0;
    let spins = 0;
    for (;;) {
      const before = p.time;
      const cond = yield* this.runList(c.cond, io, false);
      if ((cond === 0) === c.until) break;
      try {
        status = yield* this.runList(c.body, io, false);
      } catch (e) {
        if (!(e instanceof LoopControl)) throw e;
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        if (e.kind === 'break') break;
      }
      if (p.time === before) {
        if (++spins > SPIN_LIMIT) {
          // A loop that never sleeps burns a CPU for ever.
          p.traits.cpuMilli = Math.max(p.traits.cpuMilli, 1000);
          yield { kind: 'forever', busy: true };
        }
      } else spins = 0;
      if (p.planning && p.steps > STEP_BUDGET) yield { kind: 'forever' };
    }
    return status;
  }

  private *runSimple(c: Extract<Command, { t: 'simple' }>, io: IO, pid1: boolean): Generator<Step, number, any> {
    const p = this.proc;
    p.steps++;
    const argv: string[] = [];
    for (const w of c.words) argv.push(...(yield* this.expandWord(w, io)));
    const assigned: [string, string | undefined][] = [];
    for (const a of c.assigns) {
      if (a.array) {
        const items: string[] = [];
        for (const w of a.array) items.push(...(yield* this.expandWord(w, io)));
        this.arrays.set(a.name, items);
        continue;
      }
      const value = a.value ? (yield* this.expandWord(a.value, io, false)).join(' ') : '';
      if (argv.length > 0) assigned.push([a.name, this.vars.get(a.name)]);
      this.vars.set(a.name, value);
    }
    if (argv.length === 0) return this.status;
    if (this.xtrace) io.write(2, `+ ${argv.join(' ')}\n`);
    try {
      return yield* this.invoke(argv, io, pid1);
    } finally {
      for (const [k, v] of assigned) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
    }
  }

  /** Runs one command line (already expanded) in this shell. */
  *invoke(argv: string[], io: IO, pid1: boolean): Generator<Step, number, any> {
    const [cmd, ...args] = argv;
    switch (cmd) {
      case 'exit': {
        const code = args[0] !== undefined ? Number.parseInt(args[0], 10) & 255 : (this.trapStatus ?? this.status);
        throw new ExitSignal(Number.isNaN(code) ? 2 : code);
      }
      case 'return':
        throw new ExitSignal(args[0] !== undefined ? Number.parseInt(args[0], 10) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new LoopControl(cmd, Math.max(1, Number(args[0] ?? 1) || 1));
      case 'export':
        for (const a of args) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
          if (m) this.vars.set(m[1], m[2]);
          else if (a === '-p' || args.length === 0) this.printExports(io);
        }
        if (args.length === 0) this.printExports(io);
        return 0;
      case 'readonly':
      case 'local':
      case 'declare':
      case 'typeset':
        for (const a of args) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
          if (m) this.vars.set(m[1], m[2]);
        }
        return 0;
      case 'unset':
        for (const a of args) {
          this.vars.delete(a);
          this.arrays.delete(a);
        }
        return 0;
      case 'set':
        for (const a of args) {
          if (/^-[a-z]+$/.test(a)) {
            if (a.includes('e')) this.errexit = true;
            if (a.includes('x')) this.xtrace = true;
          } else if (/^\+[a-z]+$/.test(a)) {
            if (a.includes('e')) this.errexit = false;
            if (a.includes('x')) this.xtrace = false;
          }
        }
        return 0;
      case 'shift': {
        const n = Number(args[0] ?? 1);
        this.positional = [this.positional[0], ...this.positional.slice(1 + n)];
        return 0;
      }
      case 'cd':
        this.cwd = normalizePath(args[0] ?? '/root', this.cwd);
        return 0;
      case 'trap': {
        if (args.length === 0) return 0;
        if (args.length === 1) {
          this.traps.delete(SIGNALS[args[0]] ?? args[0]);
          return 0;
        }
        const [action, ...sigs] = args;
        for (const s of sigs) {
          const name = SIGNALS[s.toUpperCase()] ?? s.toUpperCase();
          if (action === '-') this.traps.delete(name);
          else this.traps.set(name, action);
        }
        return 0;
      }
      case 'wait':
        return yield* this.waitBackground();
      case 'read': {
        const names = args.filter((a) => !a.startsWith('-'));
        const input = io.stdin;
        if (input === null || input === '') {
          if (input === null && pid1) return 1;
          return 1;
        }
        const nl = input.indexOf('\n');
        const line = nl < 0 ? input : input.slice(0, nl);
        io.stdin = nl < 0 ? '' : input.slice(nl + 1);
        const fields = line.trim().split(/\s+/);
        names.forEach((n, i) => this.vars.set(n, i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
        if (names.length === 0) this.vars.set('REPLY', line);
        return 0;
      }
      case 'eval':
        return yield* this.runList(parseScript(args.join(' ')), io, false);
      case 'exec':
        if (args.length === 0) return 0;
        throw new ExitSignal(yield* this.invoke(args, io, true));
      case '.':
      case 'source': {
        const text = args[0] ? this.proc.fs.read(normalizePath(args[0], this.cwd), this.proc.time) : undefined;
        if (text === undefined) {
          io.write(2, `${this.name}: ${args[0] ?? ''}: not found\n`);
          return 1;
        }
        return yield* this.runList(parseScript(text), io, false);
      }
      case 'let': {
        let v = 0;
        for (const a of args) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(a);
          v = m ? evalArith(m[2], (n) => this.get(n)) : evalArith(a, (n) => this.get(n));
          if (m) this.vars.set(m[1], String(v));
        }
        return v !== 0 ? 0 : 1;
      }
    }
    const fn = this.commands(cmd);
    if (!fn) return 0;
    return yield* fn({ argv, sh: this, io, proc: this.proc, pid1 });
  }

  private printExports(io: IO): void {
    const keys = [...this.vars.keys()].sort();
    for (const k of keys) io.write(1, `export ${k}='${this.vars.get(k)}'\n`);
  }

  /** `wait`: until the background jobs end; a trapped signal interrupts it (status 128+15). */
  private *waitBackground(): Generator<Step, number, any> {
    const p = this.proc;
    if (this.bgEnd <= p.time) return 0;
    // Only a trapped signal interrupts `wait`: PID 1 ignores an unhandled TERM.
    const interruptible = this.handlesTerm();
    const resume = this.bgEnd === Infinity ? yield { kind: 'forever', interruptible } : yield { kind: 'sleep', ms: this.bgEnd - p.time, interruptible };
    if (resume?.interrupted) return 143;
    return 0;
  }

  // ---- redirections ------------------------------------------------------------------------

  private redirect(redirs: Redirect[], io: IO): IO | undefined {
    let out1: (text: string) => void = (t) => io.write(1, t);
    let out2: (text: string) => void = (t) => io.write(2, t);
    let stdin = io.stdin;
    for (const r of redirs) {
      const target = this.expandWordSync(r.target);
      if (r.op === '>&') {
        const dst = target === '2' ? out2 : target === '1' ? out1 : undefined;
        if (!dst) continue;
        if (r.fd === 2) out2 = dst;
        else out1 = dst;
        continue;
      }
      if (r.op === '<') {
        const content = this.proc.fs.read(normalizePath(target, this.cwd), this.proc.time);
        if (content === undefined) {
          io.write(2, `${this.name}: can't open ${target}: no such file\n`);
          return undefined;
        }
        stdin = content;
        continue;
      }
      const writer = this.fileWriter(target, r.op === '>>', io);
      if (!writer) return undefined;
      if (r.fd === 3) {
        out1 = writer;
        out2 = writer;
      } else if (r.fd === 2) out2 = writer;
      else out1 = writer;
    }
    return { stdin, write: (fd, text) => (fd === 1 ? out1(text) : out2(text)) };
  }

  private fileWriter(target: string, append: boolean, io: IO): ((text: string) => void) | undefined {
    if (target === '/dev/null') return () => undefined;
    if (target === '/dev/stdout') return (t) => io.write(1, t);
    if (target === '/dev/stderr') return (t) => io.write(2, t);
    const path = normalizePath(target, this.cwd);
    const p = this.proc;
    try {
      if (!append) p.fs.write(path, p.time, '');
      else if (p.fs.read(path, p.time) === undefined) p.fs.write(path, p.time, '');
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      io.write(2, `${this.name}: can't create ${target}: ${e.message}\n`);
      return undefined;
    }
    return (text: string) => {
      const cur = p.fs.read(path, p.time) ?? '';
      p.fs.write(path, p.time, cur + text);
    };
  }

  // ---- expansion -----------------------------------------------------------------------------

  /** Expands a word into fields (word splitting applies to unquoted expansions). */
  *expandWord(w: Word, io: IO, split = true): Generator<Step, string[], any> {
    const fields: string[] = [];
    let cur = '';
    let hasContent = false;
    const pushSplit = (text: string) => {
      if (!split) {
        cur += text;
        hasContent = true;
        return;
      }
      const pieces = text.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0 && (cur !== '' || hasContent)) {
          fields.push(cur);
          cur = '';
          hasContent = false;
        }
        if (pieces[i] !== '') {
          cur += pieces[i];
          hasContent = true;
        }
      }
    };
    for (const part of w.parts) {
      if (part.t === 'lit') {
        cur += part.v;
        if (part.quoted || part.v !== '') hasContent = true;
        continue;
      }
      let text: string;
      if (part.t === 'var') {
        if ((part.name === '@' || part.name === '*') && part.quoted && part.name === '@') {
          const args = this.positional.slice(1);
          args.forEach((a, i) => {
            cur += a;
            hasContent = true;
            if (i < args.length - 1) {
              fields.push(cur);
              cur = '';
            }
          });
          continue;
        }
        if (part.index && (part.index.parts.length === 1 && literalOf(part.index) === '@')) {
          const arr = this.arrays.get(part.name) ?? [];
          if (part.quoted) {
            arr.forEach((a, i) => {
              cur += a;
              hasContent = true;
              if (i < arr.length - 1) {
                fields.push(cur);
                cur = '';
              }
            });
          } else pushSplit(arr.join(' '));
          continue;
        }
        text = yield* this.expandVar(part, io);
      } else if (part.t === 'cmd') {
        text = yield* this.commandSubstitution(part.script);
      } else {
        text = String(evalArith(this.expandSimple(part.expr), (n) => this.get(n)));
      }
      if (part.quoted) {
        cur += text;
        hasContent = true;
      } else pushSplit(text);
    }
    if (cur !== '' || hasContent) fields.push(cur);
    return fields;
  }

  /** $VAR references inside arithmetic and the like, without running anything. */
  private expandSimple(s: string): string {
    return s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => this.get(n) ?? '');
  }

  /** Expansion for redirection targets and other places that cannot block. */
  expandWordSync(w: Word): string {
    const gen = this.expandWord(w, { stdin: null, write: () => undefined }, false);
    const r = gen.next();
    return r.done ? r.value.join(' ') : '';
  }

  private *expandVar(part: Extract<Word['parts'][number], { t: 'var' }>, io: IO): Generator<Step, string, any> {
    let value: string | undefined;
    if (part.index) {
      const idxText = (yield* this.expandWord(part.index, io, false)).join('');
      const arr = this.arrays.get(part.name);
      const idx = evalArith(idxText, (n) => this.get(n));
      value = arr ? arr[idx] : idx === 0 ? this.get(part.name) : undefined;
    } else value = this.get(part.name);
    const op = part.op;
    if (!op) return value ?? '';
    if (op === 'len') return String((value ?? '').length);
    const argText = part.arg ? (yield* this.expandWord(part.arg, io, false)).join('') : '';
    switch (op) {
      case ':-':
        return value === undefined || value === '' ? argText : value;
      case '-':
        return value === undefined ? argText : value;
      case ':=':
      case '=':
        if (value === undefined || (op === ':=' && value === '')) {
          this.vars.set(part.name, argText);
          return argText;
        }
        return value;
      case ':+':
        return value === undefined || value === '' ? '' : argText;
      case '+':
        return value === undefined ? '' : argText;
      case ':?':
      case '?':
        if (value === undefined || (op === ':?' && value === '')) {
          io.write(2, `${this.name}: ${part.name}: ${argText || 'parameter not set'}\n`);
          throw new ExitSignal(2);
        }
        return value;
      case '%':
      case '%%':
        return removeAffix(value ?? '', argText, 'suffix', op === '%%');
      case '#':
      case '##':
        return removeAffix(value ?? '', argText, 'prefix', op === '##');
    }
    return value ?? '';
  }

  /** $(...): runs the script in a subshell and captures its standard output. */
  private *commandSubstitution(script: string): Generator<Step, string, any> {
    let out = '';
    const sub: IO = { stdin: null, write: (fd, text) => (fd === 1 ? (out += text) : this.proc.log.write(2, text)) };
    const saved = new Map(this.vars);
    const savedStatus = this.status;
    try {
      this.status = yield* this.runList(parseScript(script), sub, false);
    } catch (e) {
      if (e instanceof ExitSignal) this.status = e.code;
      else if (e instanceof ShellSyntaxError) this.status = 2;
      else throw e;
    } finally {
      this.vars.clear();
      for (const [k, v] of saved) this.vars.set(k, v);
    }
    void savedStatus;
    return out.replace(/\n+$/, '');
  }
}

function removeAffix(value: string, pattern: string, side: 'prefix' | 'suffix', longest: boolean): string {
  const re = globToRegExp(pattern);
  if (side === 'prefix') {
    const lens = [...Array(value.length + 1).keys()];
    if (longest) lens.reverse();
    for (const n of lens) if (re.test(value.slice(0, n))) return value.slice(n);
    return value;
  }
  const lens = [...Array(value.length + 1).keys()];
  if (longest) lens.reverse();
  for (const n of lens) if (re.test(value.slice(value.length - n))) return value.slice(0, value.length - n);
  return value;
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) {
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** `while true`, `while :`, `until false`: conditions that never change. */
function isConstantTrue(cond: List, until: boolean): boolean {
  if (cond.items.length !== 1) return false;
  const ao = cond.items[0];
  if (ao.rest.length || ao.first.commands.length !== 1) return false;
  const c = ao.first.commands[0];
  if (c.t !== 'simple' || c.words.length === 0 || c.assigns.length) return false;
  const words = c.words.map(literalOf);
  if (words.some((w) => w === undefined)) return false;
  const text = words.join(' ');
  const truthy = text === 'true' || text === ':' || text === '[ 1 ]' || text === '[ true ]' || text === '/bin/true';
  const falsy = text === 'false' || text === '/bin/false';
  return ao.first.negate ? (until ? truthy : falsy) : until ? falsy : truthy;
}

export { parseWordText };
