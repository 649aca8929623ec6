/**
 * The JSONPath templates of `kubectl get -o jsonpath=...` and custom-columns
 * (k8s.io/client-go/util/jsonpath): text with `{...}` actions, field and index steps, `[*]`,
 * slices, unions, `..field`, filters `[?(@.field=="value")]`, `{range ...}{end}` and quoted
 * literals such as `{"\n"}`. Missing keys print nothing, as kubectl's default
 * --allow-missing-template-keys=true does. Maps and lists print as compact JSON.
 */

type Step =
  | { t: 'field'; name: string }
  | { t: 'wild' }
  | { t: 'index'; parts: IndexPart[] }
  | { t: 'recursive'; name: string }
  | { t: 'filter'; left: Step[]; op?: string; right?: unknown; rightPath?: Step[] };

type IndexPart = { kind: 'one'; i: number } | { kind: 'slice'; start?: number; end?: number; step?: number } | { kind: 'key'; key: string };

type Node = { t: 'text'; text: string } | { t: 'path'; steps: Step[] } | { t: 'range'; steps: Step[]; body: Node[] } | { t: 'literal'; text: string };

export class JsonPathError extends Error {}

export function parseJsonPath(template: string): Node[] {
  const tokens: ({ kind: 'text'; text: string } | { kind: 'action'; text: string })[] = [];
  let i = 0;
  let text = '';
  while (i < template.length) {
    const ch = template[i];
    if (ch === '{') {
      let depth = 0;
      let j = i;
      let inQuote: string | undefined;
      for (; j < template.length; j++) {
        const c = template[j];
        if (inQuote) {
          if (c === '\\') j++;
          else if (c === inQuote) inQuote = undefined;
          continue;
        }
        if (c === '"' || c === "'") inQuote = c;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
      }
      if (j >= template.length) throw new JsonPathError(`unclosed action`);
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      tokens.push({ kind: 'action', text: template.slice(i + 1, j).trim() });
      i = j + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) tokens.push({ kind: 'text', text });

  let pos = 0;
  const parseNodes = (inRange: boolean): Node[] => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos++];
      if (tok.kind === 'text') {
        nodes.push({ t: 'text', text: tok.text });
        continue;
      }
      const a = tok.text;
      if (a === 'end') {
        if (!inRange) throw new JsonPathError('not in range, nothing to end');
        return nodes;
      }
      if (a.startsWith('range ')) {
        const steps = parsePath(a.slice(6).trim());
        nodes.push({ t: 'range', steps, body: parseNodes(true) });
        continue;
      }
      if (a.startsWith('"') || a.startsWith("'")) {
        nodes.push({ t: 'literal', text: unquote(a) });
        continue;
      }
      nodes.push({ t: 'path', steps: parsePath(a) });
    }
    if (inRange) throw new JsonPathError('unclosed range');
    return nodes;
  };
  return parseNodes(false);
}

function unquote(s: string): string {
  const q = s[0];
  if (s[s.length - 1] !== q) throw new JsonPathError(`unterminated string ${s}`);
  return s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** Parses ".a.b[0].c", "$.items[*]", "..name", "@.x", "items[?(@.k=='v')].y". */
function parsePath(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (src.startsWith('$')) i = 1;
  else if (src.startsWith('@')) i = 1;
  const readName = (): string => {
    let name = '';
    while (i < src.length && !'.[ '.includes(src[i])) {
      if (src[i] === '\\' && i + 1 < src.length) {
        name += src[i + 1];
        i += 2;
        continue;
      }
      name += src[i++];
    }
    return name;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '.') {
      if (src[i + 1] === '.') {
        i += 2;
        steps.push({ t: 'recursive', name: readName() });
        continue;
      }
      i++;
      if (src[i] === '*') {
        i++;
        steps.push({ t: 'wild' });
        continue;
      }
      const name = readName();
      if (name) steps.push({ t: 'field', name });
    } else if (c === '[') {
      const close = findClose(src, i);
      const inner = src.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ t: 'wild' });
      else if (inner.startsWith('?(')) steps.push(parseFilter(inner.slice(2, inner.lastIndexOf(')'))));
      else steps.push({ t: 'index', parts: inner.split(',').map(parseIndexPart) });
    } else if (c === ' ') {
      i++;
    } else {
      const name = readName();
      if (!name) throw new JsonPathError(`unrecognized character in action: ${c}`);
      steps.push({ t: 'field', name });
    }
  }
  return steps;
}

function findClose(src: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && --depth === 0 && c === ']') return j;
  }
  throw new JsonPathError(`unterminated array`);
}

function parseIndexPart(p: string): IndexPart {
  const s = p.trim();
  if (/^['"]/.test(s)) return { kind: 'key', key: unquote(s) };
  if (s.includes(':')) {
    const [a, b, c] = s.split(':').map((x) => (x.trim() === '' ? undefined : Number(x)));
    return { kind: 'slice', start: a, end: b, step: c };
  }
  const n = Number(s);
  if (!Number.isInteger(n)) throw new JsonPathError(`invalid array index ${s}`);
  return { kind: 'one', i: n };
}

function parseFilter(expr: string): Step {
  const m = expr.match(/^(.+?)\s*(==|!=|<=|>=|<|>|=~)\s*(.+)$/);
  if (!m) return { t: 'filter', left: parsePath(expr.trim()) };
  const right = m[3].trim();
  const step: Step = { t: 'filter', left: parsePath(m[1].trim()), op: m[2] };
  if (/^['"]/.test(right)) step.right = unquote(right);
  else if (/^-?\d+(\.\d+)?$/.test(right)) step.right = Number(right);
  else if (right === 'true' || right === 'false') step.right = right === 'true';
  else step.rightPath = parsePath(right);
  return step;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function evalSteps(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (step.t) {
        case 'field':
          if (isObject(v) && v[step.name] !== undefined) next.push(v[step.name]);
          break;
        case 'wild':
          if (Array.isArray(v)) next.push(...v);
          else if (isObject(v)) for (const k of Object.keys(v).sort()) next.push(v[k]);
          break;
        case 'index':
          for (const part of step.parts) next.push(...indexInto(v, part));
          break;
        case 'recursive':
          collectRecursive(v, step.name, next);
          break;
        case 'filter':
          if (Array.isArray(v)) for (const item of v) if (filterMatches(item, step)) next.push(item);
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function indexInto(v: unknown, part: IndexPart): unknown[] {
  if (part.kind === 'key') return isObject(v) && v[part.key] !== undefined ? [v[part.key]] : [];
  if (!Array.isArray(v)) return [];
  if (part.kind === 'one') {
    const i = part.i < 0 ? v.length + part.i : part.i;
    if (i < 0 || i >= v.length) throw new JsonPathError(`array index out of bounds: index ${part.i}, length ${v.length}`);
    return [v[i]];
  }
  const len = v.length;
  const norm = (x: number | undefined, dflt: number) => (x === undefined ? dflt : x < 0 ? Math.max(0, len + x) : Math.min(len, x));
  const start = norm(part.start, 0);
  const end = norm(part.end, len);
  const step = part.step ?? 1;
  const out: unknown[] = [];
  for (let i = start; i < end; i += step) out.push(v[i]);
  return out;
}

function collectRecursive(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRecursive(x, name, out);
  } else if (isObject(v)) {
    if (name && v[name] !== undefined) out.push(v[name]);
    for (const k of Object.keys(v).sort()) collectRecursive(v[k], name, out);
  }
}

function filterMatches(item: unknown, step: Extract<Step, { t: 'filter' }>): boolean {
  const lefts = evalSteps([item], step.left);
  if (!step.op) return lefts.length > 0;
  if (lefts.length === 0) return false;
  const left = lefts[0];
  const right = step.rightPath ? evalSteps([item], step.rightPath)[0] : step.right;
  switch (step.op) {
    case '==':
      return String(left) === String(right);
    case '!=':
      return String(left) !== String(right);
    case '<':
      return Number(left) < Number(right);
    case '>':
      return Number(left) > Number(right);
    case '<=':
      return Number(left) <= Number(right);
    case '>=':
      return Number(left) >= Number(right);
    case '=~':
      return new RegExp(String(right)).test(String(left));
  }
  return false;
}

/** How a value prints: strings raw, other scalars as Go prints them, containers as JSON. */
export function printValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return compactGoJson(v);
}

function compactGoJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(compactGoJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${compactGoJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v).replace(/[<>&]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function executeJsonPath(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'literal') out += n.text;
    else if (n.t === 'path') out += evalSteps([data], n.steps).map(printValue).join(' ');
    else for (const item of evalSteps([data], n.steps)) out += executeJsonPath(n.body, item);
  }
  return out;
}

/** kubectl wraps a bare path ("{.metadata.name}" or ".metadata.name") in braces. */
export function relaxedTemplate(expr: string): string {
  if (expr.includes('{')) return expr;
  return `{${expr.startsWith('.') || expr.startsWith('$') ? expr : '.' + expr}}`;
}
