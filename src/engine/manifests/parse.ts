import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type { PlaygroundLimits } from '../config';
import { keyString, resolvePlain, resolveTagged, type Resolved } from './goYamlScalars';
import { preScan } from './preScan';
import type { Pos, PosNode } from './positions';
import type { ManifestProblem } from './types';

/**
 * Reads the YAML of one manifest file the way kubectl does (sigs.k8s.io/yaml over go-yaml v2:
 * YAML 1.1 scalars, merge keys, `\'` accepted in double quotes), keeping the source position of
 * every value. Hostile input gets a clear problem instead of a hang or a polluted object.
 */

/** Nesting deeper than this is refused (real manifests stay under 20; CRD schemas under 50). */
export const MAX_DEPTH = 100;
/** Values copied through aliases per file, beyond which the input is an alias bomb. */
export const MAX_ALIAS_EXPANSION = 100_000;

/** Keys that would reach Object.prototype or shadow what JavaScript code relies on. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedDocument {
  /** 0-based index of the document in its file (empty documents count). */
  docIndex: number;
  /** The document as JSON: objects are plain, nulls are kept as written. */
  value: unknown;
  pos: PosNode;
}

export interface ParseOutcome {
  documents: ParsedDocument[];
  problems: ManifestProblem[];
}

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly at: Pos,
  ) {
    super(message);
  }
}

/** UTF-8 length without allocating (the limit is in bytes, as a file on disk). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function parseManifest(file: string, text: string, limits: Pick<PlaygroundLimits, 'maxManifestBytes' | 'maxDocuments'>): ParseOutcome {
  const problems: ManifestProblem[] = [];
  const fail = (at: Pos, message: string): ParseOutcome => ({ documents: [], problems: [{ file, line: at.line, col: at.col, message }] });

  const bytes = utf8Length(text);
  if (bytes > limits.maxManifestBytes) {
    return fail({ line: 1, col: 1 }, `manifest too large: ${mib(bytes)}, the playground accepts at most ${mib(limits.maxManifestBytes)}`);
  }
  const scan = preScan(text, MAX_DEPTH, limits.maxDocuments);
  if (scan) return fail(scan.at, scan.message);

  let source = text;
  let lineCounter = new LineCounter();
  let docs = parseYaml(source, lineCounter);
  // go-yaml (like libyaml) accepts the escape \' inside double quotes; the YAML spec does not.
  // Replace it by a same-length stand-in so every position stays put, and parse again.
  const quoteEscapes = docs.flatMap((d) => d.errors).filter((e) => e.code === 'BAD_DQ_ESCAPE' && source.startsWith("\\'", e.pos[0]));
  if (quoteEscapes.length && !source.includes(QUOTE_STANDIN)) {
    const chars = source.split('');
    for (const e of quoteEscapes) chars[e.pos[0]] = QUOTE_STANDIN;
    source = chars.join('');
    lineCounter = new LineCounter();
    docs = parseYaml(source, lineCounter);
  }

  const documents: ParsedDocument[] = [];
  const converter = new Converter(lineCounter, source !== text);
  docs.forEach((doc, docIndex) => {
    if (doc.errors.length) {
      const seen = new Set<number>();
      for (const e of doc.errors) {
        const at = lineCounter.linePos(e.pos[0]);
        if (seen.has(at.line)) continue;
        seen.add(at.line);
        const message = e.code === 'RESOURCE_EXHAUSTION' ? `yaml: exceeded max depth of ${MAX_DEPTH}` : `yaml: ${e.message}`;
        problems.push({ file, line: at.line, col: at.col, message });
      }
      return;
    }
    if (doc.contents === null) return;
    try {
      const { value, pos } = converter.document(doc);
      const soft = converter.takeProblems(file);
      if (soft.length) problems.push(...soft);
      else if (value !== null) documents.push({ docIndex, value, pos });
    } catch (err) {
      problems.push(...converter.takeProblems(file));
      if (err instanceof ParseFailure) problems.push({ file, line: err.at.line, col: err.at.col, message: err.message });
      else if (err instanceof RangeError) {
        const at = doc.contents ? lineCounter.linePos(doc.contents.range?.[0] ?? 0) : { line: 1, col: 1 };
        problems.push({ file, line: at.line, col: at.col, message: `yaml: exceeded max depth of ${MAX_DEPTH}` });
      } else throw err;
    }
  });
  return { documents, problems };
}

/** U+E000 (private use) followed by the quote: two UTF-16 units, like the backslash escape it replaces. */
const QUOTE_STANDIN = '\uE000';

function parseYaml(source: string, lineCounter: LineCounter): Document.Parsed[] {
  const docs = parseAllDocuments(source, {
    lineCounter,
    // Every scalar is read as text; goYamlScalars resolves plain ones with go-yaml's rules.
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    logLevel: 'silent',
  });
  return Array.isArray(docs) ? docs : [];
}

interface Anchor {
  building: boolean;
  value?: unknown;
  pos?: PosNode;
}

/** Turns one composed YAML document into plain JSON plus positions. */
class Converter {
  private anchors = new Map<string, Anchor>();
  private aliasBudget = MAX_ALIAS_EXPANSION;
  private soft: { at: Pos; message: string }[] = [];

  constructor(
    private readonly lc: LineCounter,
    private readonly patchedQuotes: boolean,
  ) {}

  document(doc: Document.Parsed): { value: unknown; pos: PosNode } {
    this.anchors = new Map();
    return this.node(doc.contents, 0, this.at(doc.contents?.range?.[0] ?? 0));
  }

  /** Problems that do not stop the conversion (duplicate or forbidden keys), all reported. */
  takeProblems(file: string): ManifestProblem[] {
    const out = this.soft.map((p) => ({ file, line: p.at.line, col: p.at.col, message: p.message }));
    this.soft = [];
    return out;
  }

  private at(offset: number): Pos {
    const { line, col } = this.lc.linePos(offset);
    return { line, col };
  }

  private node(node: Node | null, depth: number, fallback: Pos): { value: unknown; pos: PosNode } {
    if (node === null || node === undefined) return { value: null, pos: { ...fallback } };
    const start = this.at(node.range?.[0] ?? 0);
    if (depth > MAX_DEPTH) throw new ParseFailure(`yaml: exceeded max depth of ${MAX_DEPTH}`, start);
    if (isAlias(node)) return this.alias(node.source, start);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, { building: true });
    let out: { value: unknown; pos: PosNode };
    if (isScalar(node)) out = { value: this.scalar(node, start), pos: start };
    else if (isMap(node)) out = this.map(node.items as Pair<Node | null, Node | null>[], depth, start);
    else if (isSeq(node)) {
      const value: unknown[] = [];
      const items: PosNode[] = [];
      for (const item of node.items as (Node | null)[]) {
        const child = this.node(item, depth + 1, start);
        value.push(child.value);
        items.push(child.pos);
      }
      out = { value, pos: { ...start, items } };
    } else throw new ParseFailure('yaml: unexpected node', start);
    if (anchor) this.anchors.set(anchor, { building: false, value: out.value, pos: out.pos });
    return out;
  }

  private alias(name: string, at: Pos): { value: unknown; pos: PosNode } {
    const a = this.anchors.get(name);
    if (!a) throw new ParseFailure(`yaml: unknown anchor '${name}' referenced`, at);
    if (a.building) throw new ParseFailure(`yaml: anchor '${name}' value contains itself`, at);
    const value = this.copy(a.value, at);
    return { value, pos: { ...at, fields: a.pos!.fields, items: a.pos!.items } };
  }

  /** Each alias use is a fresh copy (objects are never shared); the copies are counted. */
  private copy(v: unknown, at: Pos): unknown {
    if (--this.aliasBudget < 0) throw new ParseFailure('yaml: document contains excessive aliasing', at);
    if (Array.isArray(v)) return v.map((x) => this.copy(x, at));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = this.copy((v as Record<string, unknown>)[k], at);
      return out;
    }
    return v;
  }

  private scalar(node: Scalar, at: Pos): Resolved {
    let text = String(node.source ?? node.value ?? '');
    if (this.patchedQuotes && node.type === 'QUOTE_DOUBLE') text = text.replaceAll(`${QUOTE_STANDIN}'`, "'");
    let v: Resolved | Error;
    if (node.tag && node.tag !== '!') v = resolveTagged(node.tag, text);
    else v = node.type === 'PLAIN' && node.tag !== '!' ? resolvePlain(text) : text;
    if (v instanceof Error) throw new ParseFailure(`yaml: ${v.message}`, at);
    if (typeof v === 'number') {
      // encoding/json cannot write these: kubectl stops at its YAML-to-JSON step.
      if (Number.isNaN(v)) throw new ParseFailure('error converting YAML to JSON: json: unsupported value: NaN', at);
      if (!Number.isFinite(v)) throw new ParseFailure(`error converting YAML to JSON: json: unsupported value: ${v > 0 ? '+Inf' : '-Inf'}`, at);
      if (Object.is(v, -0)) return 0;
    }
    return v;
  }

  private key(node: Node | null, at: Pos): string {
    if (node === null || node === undefined) throw new ParseFailure('yaml: invalid map key: null', at);
    let v: unknown;
    if (isAlias(node)) v = this.alias(node.source, at).value;
    else if (isScalar(node)) v = this.scalar(node, at);
    else throw new ParseFailure(`yaml: invalid map key: a ${isMap(node) ? 'mapping' : 'sequence'} cannot be a key`, at);
    const s = keyString(v as Resolved);
    if (s === undefined) throw new ParseFailure(`yaml: invalid map key: ${v === null ? 'null' : typeof v}`, at);
    return s;
  }

  private map(pairs: Pair<Node | null, Node | null>[], depth: number, start: Pos): { value: unknown; pos: PosNode } {
    const value: Record<string, unknown> = {};
    const fields = new Map<string, PosNode>();
    const merges: { value: unknown; pos: PosNode }[] = [];
    for (const pair of pairs) {
      const keyNode = pair.key;
      const keyAt = keyNode?.range ? this.at(keyNode.range[0]) : start;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && !keyNode.tag && keyNode.source === '<<') {
        merges.push(this.node(pair.value, depth + 1, keyAt));
        continue;
      }
      const key = this.key(keyNode, keyAt);
      const child = this.node(pair.value, depth + 1, keyAt);
      const valueNode = pair.value;
      const emptyValue = !valueNode || (isScalar(valueNode) && valueNode.source === '' && valueNode.type === 'PLAIN');
      const pos: PosNode = emptyValue ? { ...keyAt, key: keyAt } : { ...child.pos, key: keyAt };
      if (FORBIDDEN_KEYS.has(key)) {
        this.soft.push({ at: keyAt, message: `mapping key "${key}" is not allowed` });
        continue;
      }
      const prev = fields.get(key);
      if (prev) {
        this.soft.push({ at: keyAt, message: `mapping key "${key}" already defined at line ${prev.key!.line}` });
        continue;
      }
      value[key] = child.value;
      fields.set(key, pos);
    }
    // Merge keys (<<): keys written in the mapping win; among merged maps the first wins.
    for (const m of merges) {
      const sources = Array.isArray(m.value) ? m.value.map((v, i) => ({ value: v, pos: m.pos.items?.[i] ?? m.pos })) : [m];
      for (const src of sources) {
        if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value)) {
          throw new ParseFailure('yaml: map merge requires map or sequence of maps as the value', src.pos);
        }
        for (const [k, v] of Object.entries(src.value as Record<string, unknown>)) {
          if (fields.has(k)) continue;
          value[k] = v;
          fields.set(k, { ...(src.pos.fields?.get(k) ?? src.pos) });
        }
      }
    }
    return { value, pos: { ...start, fields } };
  }
}
