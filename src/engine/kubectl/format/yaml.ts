/**
 * YAML as `kubectl get -o yaml` prints it: sigs.k8s.io/yaml turns the object's JSON into a
 * go-yaml v2 document, so map keys are sorted with go-yaml's "natural" order, sequences are not
 * indented under their key, strings that would read back as another type are double-quoted,
 * strings that cannot be plain are single-quoted, multi-line strings become literal blocks, and
 * long plain or quoted scalars are folded at spaces past column 80 (libyaml's best_width).
 */

const BEST_WIDTH = 80;
const INDENT = 2;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** go-yaml v2 keyList.Less: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function sortedYamlKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

const BOOL_OR_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '', '.inf', '.Inf', '.INF', '+.inf', '+.Inf',
  '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);

/** Would go-yaml v2 read this plain scalar back as something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  const c = s[0];
  if (!(isDigit(c) || c === '+' || c === '-' || c === '.')) return false;
  const t = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|[0-9]+)$/.test(t)) return true;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return true;
  // Base 60 numbers ("1:20") and timestamps are quoted for YAML 1.1 readers.
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  if (/^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s)) return true;
  return false;
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, for the block context. */
function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = false;
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(ch)) specialCharacters = true;
    if (ch === '\n') lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n') {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || ch === '\n';
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** Writes scalars and tracks the column, so that long scalars fold as libyaml folds them. */
class Emitter {
  private out = '';
  private column = 0;

  text(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + [...s].length : [...s.slice(nl + 1)].length;
  }

  newline(indent: number): void {
    this.text('\n' + ' '.repeat(indent));
  }

  get result(): string {
    return this.out;
  }

  /** A scalar after "key:" or "- ": `indent` is where folded continuation lines start. */
  scalar(value: string, indent: number, isKey: boolean): void {
    const requested = value.includes('\n') && !isKey ? 'literal' : resolvesToNonString(value) ? 'double' : 'plain';
    const a = analyze(value);
    let style = requested;
    if (style === 'plain' && (!a.blockPlainAllowed || (isKey && a.multiline))) style = 'single';
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || isKey)) style = 'double';
    const allowBreaks = !isKey;
    if (style === 'plain') this.plain(value, indent, allowBreaks);
    else if (style === 'single') this.singleQuoted(value, indent, allowBreaks);
    else if (style === 'double') this.doubleQuoted(value, indent, allowBreaks);
    else this.literal(value, indent);
  }

  private plain(value: string, indent: number, allowBreaks: boolean): void {
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.newline(indent);
        else this.text(ch);
        spaces = true;
      } else {
        this.text(ch);
        spaces = false;
      }
    }
  }

  private singleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    const chars = [...value];
    this.text("'");
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') this.newline(indent);
        else this.text(ch);
        spaces = true;
      } else {
        this.text(ch === "'" ? "''" : ch);
        spaces = false;
      }
    }
    this.text("'");
  }

  private doubleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    const chars = [...value];
    this.text('"');
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.newline(indent);
          if (chars[i + 1] === ' ') this.text('\\');
        } else this.text(ch);
        spaces = true;
        continue;
      }
      spaces = false;
      this.text(escapeDouble(ch));
    }
    this.text('"');
  }

  private literal(value: string, indent: number): void {
    const trailing = value.match(/\n*$/)![0].length;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const indicator = value.startsWith(' ') || value.startsWith('\n') ? String(INDENT) : '';
    this.text(`|${indicator}${chomp}`);
    const body = trailing === 0 ? value : value.slice(0, value.length - (chomp === '+' ? 0 : 1));
    for (const line of body.split('\n')) {
      if (line === '') {
        this.text('\n');
      } else {
        this.newline(indent);
        this.text(line);
      }
    }
  }
}

function escapeDouble(ch: string): string {
  switch (ch) {
    case '\0':
      return '\\0';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\v':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u00a0':
      return '\\_';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  if (isPrintable(ch) && ch !== '\ufeff') return ch;
  const c = ch.codePointAt(0)!;
  if (c <= 0xff) return '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
  if (c <= 0xffff) return '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  return '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
}

/** go-yaml v2's float formatting: strconv.FormatFloat(f, 'g', -1, 64). */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    return `${m}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(n);
}

function isEmptyContainer(v: Json): boolean {
  return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).filter((k) => (v as any)[k] !== undefined).length === 0);
}

function emitInline(e: Emitter, v: Json, indent: number): void {
  if (v === null) e.text('null');
  else if (typeof v === 'boolean') e.text(String(v));
  else if (typeof v === 'number') e.text(formatNumber(v));
  else if (typeof v === 'string') e.scalar(v, indent, false);
  else if (Array.isArray(v)) e.text('[]');
  else e.text('{}');
}

function emitMapping(e: Emitter, obj: Record<string, Json>, indent: number, first: boolean): void {
  sortedYamlKeys(obj).forEach((key, i) => {
    if (!(first && i === 0)) e.newline(indent);
    e.scalar(key, indent + INDENT, true);
    e.text(':');
    emitValue(e, obj[key], indent, true);
  });
}

function emitSequence(e: Emitter, arr: Json[], indent: number, first: boolean): void {
  arr.forEach((item, i) => {
    if (!(first && i === 0)) e.newline(indent);
    e.text('-');
    emitValue(e, item, indent, false);
  });
}

/** The value after "key:" (inMapping) or after "-". */
function emitValue(e: Emitter, v: Json, indent: number, inMapping: boolean): void {
  if (v !== null && typeof v === 'object' && !isEmptyContainer(v)) {
    if (Array.isArray(v)) {
      if (inMapping) {
        e.newline(indent);
        emitSequence(e, v, indent, true);
      } else {
        e.text(' ');
        emitSequence(e, v, indent + INDENT, true);
      }
    } else if (inMapping) {
      e.newline(indent + INDENT);
      emitMapping(e, v, indent + INDENT, true);
    } else {
      e.text(' ');
      emitMapping(e, v, indent + INDENT, true);
    }
    return;
  }
  e.text(' ');
  emitInline(e, v, indent + INDENT);
}

/** One YAML document for a JSON-compatible value, ending with a newline. */
export function toYaml(value: unknown): string {
  const v = JSON.parse(JSON.stringify(value ?? null)) as Json;
  const e = new Emitter();
  if (v !== null && typeof v === 'object' && !isEmptyContainer(v)) {
    if (Array.isArray(v)) emitSequence(e, v, 0, true);
    else emitMapping(e, v, 0, true);
  } else emitInline(e, v, 0);
  return e.result + '\n';
}
