import type { AndOr, Assignment, Command, List, Pipeline, Redirect, Word, WordPart } from './ast';

/** A script the parser could not read; the shell reports it as sh would (exit code 2). */
export class ShellSyntaxError extends Error {}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a shell script (the text after `sh -c`) into a list of commands. */
export function parseScript(src: string): List {
  const p = new Parser(src);
  const list = p.parseList(new Set());
  p.skipSpaceAndNewlines();
  if (!p.atEnd()) throw new ShellSyntaxError(`syntax error: unexpected "${p.peekToken()}"`);
  return list;
}

/** Splits one word's raw text (e.g. a ${VAR:-default} argument) into parts. */
export function parseWordText(src: string): Word {
  const p = new Parser(src);
  return p.readWordUntil(() => p.atEnd()) ?? { parts: [] };
}

class Parser {
  private pos = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.pos >= this.s.length;
  }

  peekToken(): string {
    return this.s.slice(this.pos, this.pos + 10);
  }

  private ch(off = 0): string {
    return this.s[this.pos + off] ?? '';
  }

  /** Spaces, tabs, comments and line continuations (not newlines). */
  private skipBlanks(): void {
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.ch(1) === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.atEnd() && this.ch() !== '\n') this.pos++;
      } else break;
    }
  }

  skipSpaceAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.ch() === '\n' || this.ch() === ';') {
        // A stray ";" after a newline is a syntax error in sh; we are lenient.
        this.pos++;
      } else break;
    }
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.ch() === '\n') this.pos++;
      else break;
    }
  }

  /** The next reserved word, if the input continues with one as a whole word. */
  private peekReserved(): string | undefined {
    this.skipBlanks();
    const m = /^(if|then|elif|else|fi|while|until|do|done|for|in|\{|\}|!)(?=$|[\s;&|()<>])/.exec(this.s.slice(this.pos, this.pos + 8));
    return m ? m[1] : undefined;
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    if (this.peekReserved() !== word) throw new ShellSyntaxError(`syntax error: expected "${word}"`);
    this.pos += word.length;
  }

  /** A list ends at EOF, ")" or one of the terminating reserved words. */
  parseList(terminators: Set<string>): List {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atEnd() || this.ch() === ')') break;
      const rw = this.peekReserved();
      if (rw && terminators.has(rw)) break;
      if (this.ch() === ';') {
        this.pos++;
        continue;
      }
      const ao = this.parseAndOr(terminators);
      items.push(ao);
      this.skipBlanks();
      const c = this.ch();
      if (c === ';' && this.ch(1) !== ';') this.pos++;
      else if (c === '&' && this.ch(1) !== '&') {
        this.pos++;
        ao.background = true;
      } else if (c === '\n') this.pos++;
      else if (this.atEnd() || c === ')') break;
      else {
        const next = this.peekReserved();
        if (next && terminators.has(next)) break;
        throw new ShellSyntaxError(`syntax error: unexpected "${this.peekToken()}"`);
      }
    }
    return { items };
  }

  private parseAndOr(terminators: Set<string>): AndOr {
    const first = this.parsePipeline(terminators);
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      if (this.ch() === '&' && this.ch(1) === '&') {
        this.pos += 2;
        this.skipNewlines();
        rest.push({ op: '&&', pipeline: this.parsePipeline(terminators) });
      } else if (this.ch() === '|' && this.ch(1) === '|') {
        this.pos += 2;
        this.skipNewlines();
        rest.push({ op: '||', pipeline: this.parsePipeline(terminators) });
      } else break;
    }
    return { first, rest, background: false };
  }

  private parsePipeline(terminators: Set<string>): Pipeline {
    let negate = false;
    if (this.peekReserved() === '!') {
      this.pos++;
      negate = true;
    }
    const commands: Command[] = [this.parseCommand(terminators)];
    for (;;) {
      this.skipBlanks();
      if (this.ch() === '|' && this.ch(1) !== '|') {
        this.pos++;
        this.skipNewlines();
        commands.push(this.parseCommand(terminators));
      } else break;
    }
    return { negate, commands };
  }

  private parseCommand(terminators: Set<string>): Command {
    this.skipBlanks();
    const rw = this.peekReserved();
    if (rw === 'while' || rw === 'until') {
      this.pos += rw.length;
      const cond = this.parseList(new Set(['do']));
      this.expectReserved('do');
      const body = this.parseList(new Set(['done']));
      this.expectReserved('done');
      return { t: 'while', until: rw === 'until', cond, body, redirs: this.parseRedirs() };
    }
    if (rw === 'for') {
      this.pos += 3;
      this.skipBlanks();
      const nameWord = this.readWord();
      const name = nameWord ? literalOf(nameWord) : undefined;
      if (!name || !NAME_RE.test(name)) throw new ShellSyntaxError('syntax error: bad for loop variable');
      this.skipBlanks();
      let items: Word[] | undefined;
      if (this.ch() === '\n') this.skipNewlines();
      if (this.peekReserved() === 'in') {
        this.pos += 2;
        items = [];
        for (;;) {
          this.skipBlanks();
          const c = this.ch();
          if (c === ';' || c === '\n' || this.atEnd()) break;
          const w = this.readWord();
          if (!w) break;
          items.push(w);
        }
      }
      this.skipSpaceAndNewlines();
      this.expectReserved('do');
      const body = this.parseList(new Set(['done']));
      this.expectReserved('done');
      return { t: 'for', name, items, body, redirs: this.parseRedirs() };
    }
    if (rw === 'if') {
      this.pos += 2;
      const branches: { cond: List; body: List }[] = [];
      let otherwise: List | undefined;
      const cond = this.parseList(new Set(['then']));
      this.expectReserved('then');
      branches.push({ cond, body: this.parseList(new Set(['elif', 'else', 'fi'])) });
      for (;;) {
        this.skipNewlines();
        const next = this.peekReserved();
        if (next === 'elif') {
          this.pos += 4;
          const c = this.parseList(new Set(['then']));
          this.expectReserved('then');
          branches.push({ cond: c, body: this.parseList(new Set(['elif', 'else', 'fi'])) });
        } else if (next === 'else') {
          this.pos += 4;
          otherwise = this.parseList(new Set(['fi']));
        } else break;
      }
      this.expectReserved('fi');
      return { t: 'if', branches, otherwise, redirs: this.parseRedirs() };
    }
    if (rw === '{') {
      this.pos += 1;
      const body = this.parseList(new Set(['}']));
      this.expectReserved('}');
      return { t: 'group', body, subshell: false, redirs: this.parseRedirs() };
    }
    if (this.ch() === '(') {
      this.pos++;
      const body = this.parseList(new Set());
      this.skipNewlines();
      if (this.ch() !== ')') throw new ShellSyntaxError('syntax error: unterminated (');
      this.pos++;
      return { t: 'group', body, subshell: true, redirs: this.parseRedirs() };
    }
    return this.parseSimple(terminators);
  }

  private parseRedirs(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect(undefined);
      if (!r) break;
      out.push(r);
    }
    return out;
  }

  /** `>`, `>>`, `<`, `>&N`, `&>` at the cursor (fd already read when given). */
  private tryRedirect(fd: number | undefined): Redirect | undefined {
    const c = this.ch();
    if (c === '&' && this.ch(1) === '>') {
      this.pos += 2;
      this.skipBlanks();
      const target = this.mustWord();
      // &> file: both streams; recorded as stdout, stderr follows (2>&1).
      return { fd: 3, op: '>', target };
    }
    if (c !== '>' && c !== '<') return undefined;
    if (c === '<') {
      this.pos++;
      this.skipBlanks();
      return { fd: fd ?? 0, op: '<', target: this.mustWord() };
    }
    this.pos++;
    let op: Redirect['op'] = '>';
    if (this.ch() === '>') {
      this.pos++;
      op = '>>';
    } else if (this.ch() === '&') {
      this.pos++;
      op = '>&';
    } else if (this.ch() === '|') this.pos++;
    this.skipBlanks();
    return { fd: fd ?? 1, op, target: this.mustWord() };
  }

  private mustWord(): Word {
    const w = this.readWord();
    if (!w) throw new ShellSyntaxError('syntax error: missing redirection target');
    return w;
  }

  private parseSimple(terminators: Set<string>): Command {
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const c = this.ch();
      if (this.atEnd() || c === '\n' || c === ';' || c === '|' || c === ')' || (c === '&' && this.ch(1) !== '>')) break;
      if (words.length > 0 || assigns.length > 0) {
        // Reserved words end a command only in command position; "done" after args is a word, but
        // "fi"/"done" as the first word of the next command is what the list parser checks.
      } else {
        const rw = this.peekReserved();
        if (rw && terminators.has(rw)) break;
      }
      // IO number: digits directly followed by > or <
      const io = /^(\d)(?=[<>])/.exec(this.s.slice(this.pos, this.pos + 2));
      if (io) {
        this.pos += 1;
        const r = this.tryRedirect(Number(io[1]));
        if (r) {
          redirs.push(r);
          continue;
        }
      }
      const r = this.tryRedirect(undefined);
      if (r) {
        redirs.push(r);
        continue;
      }
      if (words.length === 0) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(this.s.slice(this.pos, this.pos + 200));
        if (m) {
          this.pos += m[0].length;
          if (this.ch() === '(') {
            this.pos++;
            const items: Word[] = [];
            for (;;) {
              this.skipNewlines();
              if (this.ch() === ')') {
                this.pos++;
                break;
              }
              if (this.atEnd()) throw new ShellSyntaxError('syntax error: unterminated array');
              const w = this.readWord();
              if (!w) throw new ShellSyntaxError('syntax error in array');
              items.push(w);
            }
            assigns.push({ name: m[1], array: items });
          } else {
            const w = this.readWord();
            assigns.push({ name: m[1], value: w ?? { parts: [] } });
          }
          continue;
        }
      }
      const w = this.readWord();
      if (!w) throw new ShellSyntaxError(`syntax error: unexpected "${this.peekToken()}"`);
      words.push(w);
    }
    return { t: 'simple', assigns, words, redirs };
  }

  /** Reads one word at the cursor, or undefined when an operator or the end comes first. */
  readWord(): Word | undefined {
    return this.readWordUntil(() => {
      const c = this.ch();
      return this.atEnd() || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
    });
  }

  readWordUntil(stop: () => boolean): Word | undefined {
    const parts: WordPart[] = [];
    const start = this.pos;
    let lit = '';
    const flush = (quoted: boolean) => {
      if (lit) parts.push({ t: 'lit', v: lit, quoted });
      lit = '';
    };
    while (!stop()) {
      const c = this.ch();
      if (c === '\\') {
        if (this.ch(1) === '\n') {
          this.pos += 2;
          continue;
        }
        flush(false);
        parts.push({ t: 'lit', v: this.ch(1), quoted: true });
        this.pos += 2;
      } else if (c === "'") {
        flush(false);
        const end = this.s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('syntax error: unterminated quoted string');
        parts.push({ t: 'lit', v: this.s.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush(false);
        this.pos++;
        this.readDoubleQuoted(parts);
      } else if (c === '$' || c === '`') {
        const part = this.readDollar(false);
        if (part) {
          flush(false);
          parts.push(part);
        } else {
          lit += c;
          this.pos++;
        }
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush(false);
    if (this.pos === start) return undefined;
    if (parts.length === 0) parts.push({ t: 'lit', v: '', quoted: true });
    return { parts };
  }

  private readDoubleQuoted(parts: WordPart[]): void {
    let lit = '';
    let any = false;
    const flush = () => {
      if (lit || !any) parts.push({ t: 'lit', v: lit, quoted: true });
      any = true;
      lit = '';
    };
    for (;;) {
      if (this.atEnd()) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      const c = this.ch();
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.ch(1))) {
        if (this.ch(1) !== '\n') lit += this.ch(1);
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        const part = this.readDollar(true);
        if (part) {
          if (lit) parts.push({ t: 'lit', v: lit, quoted: true });
          lit = '';
          any = true;
          parts.push(part);
        } else {
          lit += c;
          this.pos++;
        }
      } else {
        lit += c;
        this.pos++;
      }
    }
    if (lit || !any) flush();
  }

  /** $VAR, ${...}, $(...), $((...)), `...` at the cursor; undefined for a lone "$". */
  private readDollar(quoted: boolean): WordPart | undefined {
    if (this.ch() === '`') {
      const end = this.s.indexOf('`', this.pos + 1);
      if (end < 0) throw new ShellSyntaxError('syntax error: unterminated `');
      const script = this.s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { t: 'cmd', script, quoted };
    }
    const n = this.ch(1);
    if (n === '(' && this.ch(2) === '(') {
      const end = this.matchClose(this.pos + 3, '(', ')', 2);
      const expr = this.s.slice(this.pos + 3, end - 1);
      this.pos = end + 1;
      return { t: 'arith', expr, quoted };
    }
    if (n === '(') {
      const end = this.matchClose(this.pos + 2, '(', ')', 1);
      const script = this.s.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { t: 'cmd', script, quoted };
    }
    if (n === '{') {
      const end = this.matchClose(this.pos + 2, '{', '}', 1);
      const inner = this.s.slice(this.pos + 2, end);
      this.pos = end + 1;
      return parseBraced(inner, quoted);
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$!@*-])/.exec(this.s.slice(this.pos + 1, this.pos + 200));
    if (!m) return undefined;
    this.pos += 1 + m[1].length;
    return { t: 'var', name: m[1], quoted };
  }

  /** Index of the bracket that brings the nesting depth to zero, skipping quoted text. */
  private matchClose(from: number, open: string, close: string, depth: number): number {
    let i = from;
    while (i < this.s.length) {
      const c = this.s[i];
      if (c === "'") {
        const e = this.s.indexOf("'", i + 1);
        if (e < 0) break;
        i = e + 1;
        continue;
      }
      if (c === '"') {
        i++;
        while (i < this.s.length && this.s[i] !== '"') i += this.s[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === open) depth++;
      else if (c === close && --depth === 0) return i;
      i++;
    }
    throw new ShellSyntaxError(`syntax error: unterminated ${open}`);
  }
}

function parseBraced(inner: string, quoted: boolean): WordPart {
  if (inner.startsWith('#') && NAME_RE.test(inner.slice(1))) return { t: 'var', name: inner.slice(1), quoted, op: 'len' };
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$!@*])(\[([^\]]*)\])?/.exec(inner);
  if (!m) throw new ShellSyntaxError(`\${${inner}}: bad substitution`);
  const rest = inner.slice(m[0].length);
  const index = m[3] !== undefined ? parseWordText(m[3]) : undefined;
  if (rest === '') return { t: 'var', name: m[1], quoted, index };
  const op = /^(:-|:=|:\+|:\?|-|=|\+|\?|%%|%|##|#)/.exec(rest);
  if (!op) throw new ShellSyntaxError(`\${${inner}}: bad substitution`);
  return { t: 'var', name: m[1], quoted, index, op: op[1], arg: parseWordText(rest.slice(op[1].length)) };
}

/** The literal text of a word made only of unquoted/quoted literals, else undefined. */
export function literalOf(w: Word): string | undefined {
  let out = '';
  for (const p of w.parts) {
    if (p.t !== 'lit') return undefined;
    out += p.v;
  }
  return out;
}

