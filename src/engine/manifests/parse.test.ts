/* eslint-disable no-restricted-imports, no-restricted-globals -- reads a docs example from disk; times the refusal of hostile input on the wall clock */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../config';
import { MAX_DEPTH, parseManifest } from './parse';
import { positionIn } from './positions';

const CORPUS = '/work/shared/corpus/k8s-website-examples';
const parse = (text: string, limits = DEFAULT_LIMITS) => parseManifest('f.yaml', text, limits);
const messages = (text: string) => parse(text).problems.map((p) => `${p.line}:${p.col}: ${p.message}`);

describe('documents and positions', () => {
  it('reads every document of a stream, skipping empty ones but counting them', () => {
    const r = parse('---\n---\n# only a comment\n---\na: 1\n---\nb: 2\n');
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => [d.docIndex, d.value])).toEqual([
      [2, { a: 1 }],
      [3, { b: 2 }],
    ]);
  });

  it('gives every key and value a 1-based line and column', () => {
    const r = parse('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx\n');
    const pos = r.documents[0].pos;
    expect(positionIn(pos, 'kind')).toEqual({ line: 2, col: 1 });
    expect(positionIn(pos, 'spec.containers[0].image')).toEqual({ line: 6, col: 5 });
    expect(pos.fields!.get('spec')!.fields!.get('containers')!.items![0].fields!.get('image')).toMatchObject({ line: 6, col: 12 });
  });

  it('reads the flow style (KYAML) with trailing commas, with positions', () => {
    const text = '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: { name: "x", },\n  spec: {\n    containers: [ { name: "a", image: "nginx", }, ],\n  },\n}\n';
    const r = parse(text);
    expect(r.problems).toEqual([]);
    expect(r.documents[0].value).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } });
    expect(positionIn(r.documents[0].pos, 'spec.containers[0].image')).toEqual({ line: 7, col: 32 });
  });

  it('accepts a document closed by "..."', () => {
    const r = parse('a: 1\n...\n---\nb: 2\n...\n');
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("accepts go-yaml's \\' escape in double quotes without moving positions", () => {
    const r = parse('a: "it\\\'s"\nb: "\\\\\'"\nc: x\n');
    expect(r.problems).toEqual([]);
    expect(r.documents[0].value).toEqual({ a: "it's", b: "\\'", c: 'x' });
    expect(positionIn(r.documents[0].pos, 'c')).toEqual({ line: 3, col: 1 });
  });

  it('reads the corpus file that relies on the \\\' escape', () => {
    const r = parse(readFileSync(join(CORPUS, 'pods/inject/envars-file-container.yaml'), 'utf8'));
    expect(r.problems).toEqual([]);
    expect(JSON.stringify(r.documents[0].value)).toContain("'");
  });

  it('reads YAML 1.1 scalars as kubectl does: `value: yes` is a boolean, octal modes are numbers', () => {
    const r = parse('env:\n- name: A\n  value: yes\nmode: 0644\nversion: "1.0"\ntag: 1.10\n');
    expect(r.documents[0].value).toEqual({ env: [{ name: 'A', value: true }], mode: 420, version: '1.0', tag: 1.1 });
  });

  it('turns non-string keys into JSON keys (a key `y:` is "true")', () => {
    expect(parse('y: 1\n80: http\n').documents[0].value).toEqual({ true: 1, '80': 'http' });
  });

  it('keeps nulls as written', () => {
    expect(parse('metadata:\n  creationTimestamp: null\n  labels:\n').documents[0].value).toEqual({ metadata: { creationTimestamp: null, labels: null } });
  });

  it('merges `<<` keys, keys written in the mapping winning', () => {
    const r = parse('base: &base {image: nginx, name: a}\nc: {<<: *base, name: b}\n');
    expect(r.documents[0].value).toEqual({ base: { image: 'nginx', name: 'a' }, c: { image: 'nginx', name: 'b' } });
  });

  it('copies aliases so that no object is shared', () => {
    const r = parse('a: &x {k: v}\nb: *x\n');
    const v = r.documents[0].value as Record<string, unknown>;
    expect(v.b).toEqual({ k: 'v' });
    expect(v.b).not.toBe(v.a);
  });
});

describe('errors with positions', () => {
  it('reports a YAML syntax error at the parser position', () => {
    const [m] = messages('apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: 1\n');
    expect(m).toMatch(/^\d+:\d+: yaml: /);
  });

  it("reports duplicate keys in go-yaml's wording", () => {
    expect(messages('metadata:\n  name: a\n  labels: {}\n  name: b\n')).toEqual(['4:3: mapping key "name" already defined at line 2']);
  });

  it('reports every duplicate key at once', () => {
    expect(messages('a: 1\na: 2\nb: 1\nb: 2\n')).toEqual(['2:1: mapping key "a" already defined at line 1', '4:1: mapping key "b" already defined at line 3']);
  });

  it('refuses a tab used as indentation', () => {
    expect(messages('a:\n\tb: 1\n')[0]).toMatch(/^2:1: yaml: .*[Tt]ab/);
  });

  it('refuses an unknown anchor and a self-referencing one', () => {
    expect(messages('a: *nope\n')).toEqual(["1:4: yaml: unknown anchor 'nope' referenced"]);
    expect(messages('a: &a [*a]\n')).toEqual(["1:8: yaml: anchor 'a' value contains itself"]);
  });

  it('refuses numbers JSON cannot carry, as kubectl does', () => {
    expect(messages('replicas: .inf\n')).toEqual(['1:11: error converting YAML to JSON: json: unsupported value: +Inf']);
  });
});

describe('hostile input', () => {
  it('stops an alias bomb quickly with a clear error', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const start = performance.now();
    const r = parse(levels.join('\n') + '\n');
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual(['yaml: document contains excessive aliasing']);
  });

  it('refuses deep flow nesting without handing it to the parser', () => {
    const start = performance.now();
    const r = parse('['.repeat(2_000_000) + ']'.repeat(2_000_000));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.problems.map((p) => p.message)).toEqual([`yaml: exceeded max depth of ${MAX_DEPTH}`]);
  });

  it('refuses deep compact block nesting ("- - - - x")', () => {
    const start = performance.now();
    const r = parse('- '.repeat(1_000_000) + 'x\n');
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.problems.map((p) => p.message)).toEqual([`yaml: exceeded max depth of ${MAX_DEPTH}`]);
  });

  it('refuses nesting just past the limit that the parser itself could still read', () => {
    const r = parse('a: ' + '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5) + '\n');
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual([`yaml: exceeded max depth of ${MAX_DEPTH}`]);
  });

  it('accepts nesting a little under the limit', () => {
    const r = parse('a: ' + '['.repeat(MAX_DEPTH - 5) + ']'.repeat(MAX_DEPTH - 5) + '\n');
    expect(r.problems).toEqual([]);
  });

  it('deep block indentation ends in an error, not a crash', () => {
    let text = '';
    for (let i = 0; i < 1500; i++) text += ' '.repeat(i) + 'a:\n';
    const r = parse(text);
    expect(r.documents).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0].message).toBe(`yaml: exceeded max depth of ${MAX_DEPTH}`);
  });

  it('refuses input over the size limit before parsing it', () => {
    const r = parse('a: b\n'.repeat(100), { ...DEFAULT_LIMITS, maxManifestBytes: 100 });
    expect(r.problems).toEqual([{ file: 'f.yaml', line: 1, col: 1, message: 'manifest too large: 0.0 MiB, the playground accepts at most 0.0 MiB' }]);
  });

  it('counts the size limit in UTF-8 bytes', () => {
    const text = 'a: ' + 'é'.repeat(60) + '\n';
    expect(parse(text, { ...DEFAULT_LIMITS, maxManifestBytes: 100 }).problems).toHaveLength(1);
    expect(parse(text, { ...DEFAULT_LIMITS, maxManifestBytes: 200 }).problems).toEqual([]);
  });

  it('refuses a flood of documents before parsing them', () => {
    const start = performance.now();
    const r = parse('---\n'.repeat(1_000_000));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.problems.map((p) => p.message)).toEqual([`too many documents: the playground accepts at most ${DEFAULT_LIMITS.maxDocuments}`]);
  });

  it('refuses binary data as go-yaml does', () => {
    expect(messages('apiVersion: v1\nkind: P\u0000d\n')).toEqual(['2:8: yaml: control characters are not allowed']);
    const garbage = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => (i * 97) % 256));
    expect(messages(garbage)).toEqual([expect.stringMatching(/yaml: control characters are not allowed$/)]);
  });

  it('refuses keys that would reach the object prototype, and leaves Object.prototype clean', () => {
    const r = parse('__proto__: {polluted: yes}\nmetadata:\n  constructor: {prototype: {polluted: yes}}\n  labels: {__proto__: x}\n');
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      '1:1: mapping key "__proto__" is not allowed',
      '3:17: mapping key "prototype" is not allowed',
      '3:3: mapping key "constructor" is not allowed',
      '4:12: mapping key "__proto__" is not allowed',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('refuses a prototype key that arrives through a merge', () => {
    const r = parse('a: &a {x: 1}\nb: {<<: *a, __proto__: {polluted: 1}}\n');
    expect(r.problems.map((p) => p.message)).toEqual(['mapping key "__proto__" is not allowed']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a scalar document as a scalar (the loader reports it)', () => {
    expect(parse('just text\n').documents.map((d) => d.value)).toEqual(['just text']);
  });
});
