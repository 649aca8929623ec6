import type { CommandContext } from '../shell/interpreter';
import { ExitSignal, type Program, type Step } from '../runtime';

/**
 * Enough Python for the one-liners Jobs in the docs run with `python3 -c`: imports, print,
 * assignments, if/elif/else, while/for over range() or lists, time.sleep, sys.exit, os.environ,
 * int/str/len, arithmetic and comparisons. Statements it does not understand are skipped.
 */
class PyError {
  constructor(
    readonly type: string,
    readonly message: string,
    public line = 0,
  ) {}
}

type PyValue = number | string | boolean | null | PyValue[] | PyFn | { [k: string]: PyValue };
type PyFn = { fn: (args: PyValue[], kw: Record<string, PyValue>) => PyValue; name: string };

class Break {}
class Continue {}

interface Line {
  indent: number;
  text: string;
  no: number;
  children: Line[];
}

function blocks(src: string): Line[] {
  const root: Line = { indent: -1, text: '', no: 0, children: [] };
  const stack: Line[] = [root];
  src.split('\n').forEach((raw, i) => {
    const text = raw.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '');
    if (!text.trim()) return;
    const indent = /^\s*/.exec(text)![0].replace(/\t/g, '    ').length;
    const line: Line = { indent, text: text.trim(), no: i + 1, children: [] };
    while (stack.length > 1 && stack[stack.length - 1].indent >= indent) stack.pop();
    stack[stack.length - 1].children.push(line);
    stack.push(line);
  });
  return root.children;
}

const TOKEN = /\s*(?:(\d+\.\d*|\.\d+|\d+)|([fFrRbB]?)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|\/\/|==|!=|<=|>=|[-+*/%<>()[\]{},.:=]))/y;

function tokenize(s: string): { t: string; v: string; prefix?: string }[] {
  const out: { t: string; v: string; prefix?: string }[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(s);
    if (!m) {
      if (/^\s*$/.test(s.slice(pos))) break;
      throw new PyError('SyntaxError', 'invalid syntax');
    }
    pos = TOKEN.lastIndex;
    if (m[1]) out.push({ t: 'num', v: m[1] });
    else if (m[3]) out.push({ t: 'str', v: m[3].slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(['"\\])/g, '$1'), prefix: m[2].toLowerCase() });
    else if (m[4]) out.push({ t: 'name', v: m[4] });
    else out.push({ t: 'op', v: m[5] });
  }
  return out;
}

function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return 'object';
}

export function pyStr(v: PyValue, repr = false): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : String(v).includes('.') || !Number.isFinite(v) ? String(v) : `${v}.0`;
  if (typeof v === 'string') return repr ? `'${v}'` : v;
  if (Array.isArray(v)) return `[${v.map((x) => pyStr(x, true)).join(', ')}]`;
  if ('fn' in v) return `<built-in function ${(v as PyFn).name}>`;
  return '{}';
}

function truthy(v: PyValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return !!v;
}

class Interp {
  readonly vars = new Map<string, PyValue>();

  constructor(private readonly c: CommandContext) {
    const env = () => Object.fromEntries(c.sh.environment()) as Record<string, PyValue>;
    const fn = (name: string, f: PyFn['fn']): PyFn => ({ name, fn: f });
    const environ = {
      get: fn('get', ([k, d]) => env()[String(k)] ?? d ?? null),
    };
    this.vars.set('os', { environ: environ as unknown as PyValue, getenv: fn('getenv', ([k, d]) => env()[String(k)] ?? d ?? null), getpid: fn('getpid', () => 1) } as unknown as PyValue);
    this.vars.set('sys', { exit: fn('exit', ([code]) => this.exit(code)), argv: ['-c'] } as unknown as PyValue);
    this.vars.set('exit', fn('exit', ([code]) => this.exit(code)));
    this.vars.set('quit', fn('quit', ([code]) => this.exit(code)));
    this.vars.set('print', fn('print', (args, kw) => {
      const sep = kw.sep === undefined ? ' ' : String(kw.sep);
      const end = kw.end === undefined ? '\n' : String(kw.end);
      const toErr = kw.file === 'stderr';
      this.c.io.write(toErr ? 2 : 1, args.map((a) => pyStr(a)).join(sep) + end);
      return null;
    }));
    this.vars.set('int', fn('int', ([v]) => {
      if (typeof v === 'number') return Math.trunc(v);
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number.parseInt(v, 10);
      if (typeof v === 'string') throw new PyError('ValueError', `invalid literal for int() with base 10: '${v}'`);
      throw new PyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
    }));
    this.vars.set('float', fn('float', ([v]) => Number(v)));
    this.vars.set('str', fn('str', ([v]) => pyStr(v ?? '')));
    this.vars.set('len', fn('len', ([v]) => (typeof v === 'string' || Array.isArray(v) ? v.length : 0)));
    this.vars.set('range', fn('range', (a) => {
      const [start, stop, step] = a.length === 1 ? [0, Number(a[0]), 1] : [Number(a[0]), Number(a[1]), Number(a[2] ?? 1)];
      const out: number[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
        out.push(i);
        if (out.length > 1_000_000) break;
      }
      return out;
    }));
    this.vars.set('True', true);
    this.vars.set('False', false);
    this.vars.set('None', null);
    // time.sleep is handled as a statement (it takes simulated time).
    this.vars.set('time', { time: fn('time', () => c.proc.time / 1000), sleep: fn('sleep', () => null) } as unknown as PyValue);
  }

  private exit(code: PyValue | undefined): never {
    if (typeof code === 'string') {
      this.c.io.write(2, `${code}\n`);
      throw new ExitSignal(1);
    }
    throw new ExitSignal(code === undefined || code === null ? 0 : typeof code === 'boolean' ? +code : Number(code) & 255);
  }

  eval(src: string): PyValue {
    const toks = tokenize(src);
    let i = 0;
    const peek = () => toks[i];
    const isOp = (v: string) => toks[i]?.t === 'op' && toks[i].v === v;
    const isName = (v: string) => toks[i]?.t === 'name' && toks[i].v === v;
    const expect = (v: string) => {
      if (!isOp(v)) throw new PyError('SyntaxError', 'invalid syntax');
      i++;
    };
    const fstring = (s: string): string =>
      s.replace(/\{([^{}]+)\}/g, (_m, e: string) => {
        const [expr, spec] = e.split(':');
        const v = this.eval(expr);
        return spec && /^\.\d+f$/.test(spec) ? Number(v).toFixed(Number(spec.slice(1, -1))) : pyStr(v);
      });
    const primary = (): PyValue => {
      const t = toks[i++];
      if (!t) throw new PyError('SyntaxError', 'unexpected EOF while parsing');
      if (t.t === 'num') return Number(t.v);
      if (t.t === 'str') {
        let s = t.prefix === 'f' ? fstring(t.v) : t.v;
        while (peek()?.t === 'str') {
          const n = toks[i++];
          s += n.prefix === 'f' ? fstring(n.v) : n.v;
        }
        return s;
      }
      if (t.t === 'name') {
        if (!this.vars.has(t.v)) throw new PyError('NameError', `name '${t.v}' is not defined`);
        return this.vars.get(t.v)!;
      }
      if (t.v === '(') {
        const v = or();
        expect(')');
        return v;
      }
      if (t.v === '[') {
        const items: PyValue[] = [];
        while (!isOp(']')) {
          items.push(or());
          if (isOp(',')) i++;
        }
        i++;
        return items;
      }
      throw new PyError('SyntaxError', 'invalid syntax');
    };
    const postfix = (): PyValue => {
      let v = primary();
      for (;;) {
        if (isOp('.')) {
          i++;
          const name = toks[i++].v;
          const obj = v as Record<string, PyValue> | string | null;
          if (typeof obj === 'string') {
            const s = obj;
            const methods: Record<string, PyFn['fn']> = { upper: () => s.toUpperCase(), lower: () => s.toLowerCase(), strip: () => s.trim(), split: ([sep]) => (sep ? s.split(String(sep)) : s.trim().split(/\s+/)) };
            if (!methods[name]) throw new PyError('AttributeError', `'str' object has no attribute '${name}'`);
            v = { name, fn: methods[name] };
          } else if (obj && typeof obj === 'object' && !Array.isArray(obj) && name in obj) v = obj[name];
          else throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
        } else if (isOp('(')) {
          i++;
          const args: PyValue[] = [];
          const kw: Record<string, PyValue> = {};
          while (!isOp(')')) {
            if (peek()?.t === 'name' && toks[i + 1]?.v === '=' && toks[i + 1]?.t === 'op') {
              const k = toks[i].v;
              i += 2;
              const val = peek()?.t === 'name' && peek()!.v.startsWith('sys') ? (i++, i++, i++, 'stderr') : or();
              kw[k] = val;
            } else args.push(or());
            if (isOp(',')) i++;
          }
          i++;
          if (!v || typeof v !== 'object' || !('fn' in v)) throw new PyError('TypeError', `'${typeName(v)}' object is not callable`);
          v = (v as PyFn).fn(args, kw);
        } else if (isOp('[')) {
          i++;
          const key = or();
          expect(']');
          if (Array.isArray(v)) v = v[Number(key) < 0 ? v.length + Number(key) : Number(key)] ?? null;
          else if (typeof v === 'string') v = v[Number(key)] ?? null;
          else if (v && typeof v === 'object' && 'get' in v) {
            const got = ((v as Record<string, PyFn>).get as PyFn).fn([key, null], {});
            if (got === null) throw new PyError('KeyError', `'${pyStr(key)}'`);
            v = got;
          } else v = null;
        } else return v;
      }
    };
    const unary = (): PyValue => {
      if (isOp('-')) {
        i++;
        return -Number(unary());
      }
      if (isOp('+')) {
        i++;
        return Number(unary());
      }
      return postfix();
    };
    const mul = (): PyValue => {
      let v = unary();
      while (isOp('*') || isOp('/') || isOp('//') || isOp('%') || isOp('**')) {
        const op = toks[i++].v;
        const r = unary();
        if (op === '*') v = typeof v === 'string' ? v.repeat(Number(r)) : Number(v) * Number(r);
        else if (op === '**') v = Number(v) ** Number(r);
        else {
          if (Number(r) === 0) throw new PyError('ZeroDivisionError', op === '%' ? 'integer modulo by zero' : 'division by zero');
          v = op === '/' ? Number(v) / Number(r) : op === '//' ? Math.floor(Number(v) / Number(r)) : ((Number(v) % Number(r)) + Number(r)) % Number(r);
        }
      }
      return v;
    };
    const add = (): PyValue => {
      let v = mul();
      while (isOp('+') || isOp('-')) {
        const op = toks[i++].v;
        const r = mul();
        if (op === '+' && (typeof v === 'string' || typeof r === 'string')) {
          if (typeof v !== typeof r) throw new PyError('TypeError', `can only concatenate str (not "${typeName(typeof v === 'string' ? r : v)}") to str`);
          v = String(v) + String(r);
        } else v = op === '+' ? Number(v) + Number(r) : Number(v) - Number(r);
      }
      return v;
    };
    const cmp = (): PyValue => {
      let v = add();
      for (;;) {
        let op: string | undefined;
        if (['==', '!=', '<', '>', '<=', '>='].some((o) => isOp(o))) op = toks[i++].v;
        else if (isName('in')) {
          i++;
          op = 'in';
        } else if (isName('not') && toks[i + 1]?.v === 'in') {
          i += 2;
          op = 'not in';
        } else if (isName('is')) {
          i++;
          op = isName('not') ? (i++, '!=') : '==';
        }
        if (!op) return v;
        const r = add();
        const eq = (a: PyValue, b: PyValue) => (typeof a === 'number' && typeof b === 'boolean') || (typeof a === 'boolean' && typeof b === 'number') ? Number(a) === Number(b) : pyStr(a, true) === pyStr(b, true) && typeName(a) === typeName(b);
        switch (op) {
          case '==':
            v = eq(v, r);
            break;
          case '!=':
            v = !eq(v, r);
            break;
          case 'in':
          case 'not in': {
            const has = Array.isArray(r) ? r.some((x) => eq(x, v)) : typeof r === 'string' ? r.includes(String(v)) : false;
            v = op === 'in' ? has : !has;
            break;
          }
          default: {
            const a = v as number;
            const b = r as number;
            v = op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
          }
        }
      }
    };
    const not = (): PyValue => {
      if (isName('not')) {
        i++;
        return !truthy(not());
      }
      return cmp();
    };
    const and = (): PyValue => {
      let v = not();
      while (isName('and')) {
        i++;
        const r = not();
        v = truthy(v) ? r : v;
      }
      return v;
    };
    const or = (): PyValue => {
      let v = and();
      while (isName('or')) {
        i++;
        const r = and();
        v = truthy(v) ? v : r;
      }
      return v;
    };
    const v = or();
    if (isName('if')) {
      // a if cond else b
      i++;
      const cond = or();
      if (!isName('else')) throw new PyError('SyntaxError', 'invalid syntax');
      i++;
      const other = or();
      return truthy(cond) ? v : other;
    }
    return v;
  }

  *run(lines: Line[]): Generator<Step, void, any> {
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k];
      const t = l.text;
      try {
        let m: RegExpExecArray | null;
        if (/^(import|from)\s/.test(t) || t === 'pass' || /^(def|class)\s/.test(t) || /^(global|nonlocal|del|assert)\s/.test(t)) continue;
        if (t === 'break') throw new Break();
        if (t === 'continue') throw new Continue();
        if ((m = /^if\s+(.*):\s*(.*)$/.exec(t))) {
          const chain: { cond?: string; body: Line[] }[] = [{ cond: m[1], body: inline(l, m[2]) }];
          while (k + 1 < lines.length && /^(elif\s+.*|else\s*):/.test(lines[k + 1].text)) {
            const n = lines[++k];
            const em = /^elif\s+(.*):\s*(.*)$/.exec(n.text);
            if (em) chain.push({ cond: em[1], body: inline(n, em[2]) });
            else chain.push({ body: inline(n, n.text.replace(/^else\s*:\s*/, '')) });
          }
          for (const b of chain) {
            if (b.cond === undefined || truthy(this.eval(b.cond))) {
              yield* this.run(b.body);
              break;
            }
          }
          continue;
        }
        if ((m = /^while\s+(.*):\s*(.*)$/.exec(t))) {
          let spins = 0;
          const body = inline(l, m[2]);
          while (truthy(this.eval(m[1]))) {
            const before = this.c.proc.time;
            try {
              yield* this.run(body);
            } catch (e) {
              if (e instanceof Break) break;
              if (!(e instanceof Continue)) throw e;
            }
            if (this.c.proc.time === before && ++spins > 2000) yield { kind: 'forever', busy: true };
            if (this.c.proc.planning && this.c.proc.steps++ > 200_000) yield { kind: 'forever' };
          }
          continue;
        }
        if ((m = /^for\s+([A-Za-z_]\w*)\s+in\s+(.*):\s*(.*)$/.exec(t))) {
          const items = this.eval(m[2]);
          const list = Array.isArray(items) ? items : typeof items === 'string' ? [...items] : [];
          for (const item of list) {
            this.vars.set(m[1], item);
            try {
              yield* this.run(inline(l, m[3]));
            } catch (e) {
              if (e instanceof Break) break;
              if (!(e instanceof Continue)) throw e;
            }
          }
          continue;
        }
        if ((m = /^try\s*:\s*(.*)$/.exec(t))) {
          const body = inline(l, m[1]);
          let handlers: Line[] = [];
          const fin: Line[] = [];
          while (k + 1 < lines.length && /^(except\b.*|finally\s*):/.test(lines[k + 1].text)) {
            const n = lines[++k];
            if (n.text.startsWith('finally')) fin.push(...n.children);
            else handlers = n.children;
          }
          try {
            yield* this.run(body);
          } catch (e) {
            if (!(e instanceof PyError)) throw e;
            yield* this.run(handlers);
          } finally {
            if (fin.length) yield* this.run(fin);
          }
          continue;
        }
        if ((m = /^raise\s*(.*)$/.exec(t))) {
          const em = /^(\w+)(?:\((.*)\))?$/.exec(m[1]);
          throw new PyError(em?.[1] ?? 'RuntimeError', em?.[2] ? pyStr(this.eval(em[2])) : '', l.no);
        }
        if ((m = /^(?:time\.)?sleep\((.*)\)$/.exec(t))) {
          const secs = Number(this.eval(m[1]));
          if (secs > 0) yield { kind: 'sleep', ms: Math.round(secs * 1000) };
          continue;
        }
        if ((m = /^([A-Za-z_]\w*)\s*([-+*/]?)=\s*(.+)$/.exec(t)) && !/^[A-Za-z_]\w*\s*==/.test(t)) {
          const v = this.eval(m[3]);
          if (m[2]) {
            const cur = this.vars.get(m[1]) ?? 0;
            this.vars.set(m[1], m[2] === '+' ? (typeof cur === 'string' ? cur + pyStr(v) : Number(cur) + Number(v)) : m[2] === '-' ? Number(cur) - Number(v) : m[2] === '*' ? Number(cur) * Number(v) : Number(cur) / Number(v));
          } else this.vars.set(m[1], v);
          continue;
        }
        this.eval(t);
      } catch (e) {
        if (e instanceof PyError && !e.line) e.line = l.no;
        throw e;
      }
    }
  }
}

function inline(l: Line, rest: string): Line[] {
  return rest.trim() ? [{ indent: l.indent + 1, text: rest.trim(), no: l.no, children: [] }] : l.children;
}

/** `python3 -c <script>`: runs the script; errors print a traceback and exit 1. */
export function* runPython(c: CommandContext, script: string): Program {
  const it = new Interp(c);
  let lines: Line[];
  try {
    lines = blocks(script);
  } catch {
    return 0;
  }
  try {
    yield* it.run(lines);
    return 0;
  } catch (e) {
    if (e instanceof PyError) {
      c.io.write(2, `Traceback (most recent call last):\n  File "<string>", line ${e.line || 1}, in <module>\n${e.type}${e.message ? `: ${e.message}` : ''}\n`);
      return 1;
    }
    if (e instanceof Break || e instanceof Continue) return 0;
    throw e;
  }
}
