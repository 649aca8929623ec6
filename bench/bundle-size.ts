/**
 * Bytes the browser downloads before the editor: every script but the editor's own lazy chunks
 * (Monaco, monaco-yaml, the schema descriptions) and its workers, which are listed apart.
 *   npx vite build && npx tsx bench/bundle-size.ts
 * Sizes are raw and gzip (level 9, as a static host would serve them).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { htmlEntries, splitByEditor } from './bundleGraph';

const DIST = join(process.cwd(), 'dist');
const BUDGET_GZIP = 300 * 1024;

function sizes(file: string): { raw: number; gzip: number } {
  const buf = readFileSync(join(DIST, file));
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function table(title: string, files: string[]): { raw: number; gzip: number } {
  const rows = files.map((f) => ({ f, ...sizes(f) })).sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const w = Math.max(title.length, ...rows.map((r) => r.f.length), 5);
  console.log(`\n${title.padEnd(w)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
  for (const r of rows) console.log(`${r.f.padEnd(w)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}`);
  console.log(`${'total'.padEnd(w)}  ${kb(total.raw).padStart(10)}  ${kb(total.gzip).padStart(10)}`);
  return total;
}

let html: string;
try {
  html = readFileSync(join(DIST, 'index.html'), 'utf8');
} catch {
  console.error('dist/index.html not found: run `npx vite build` first.');
  process.exit(1);
}
const entries = htmlEntries(html);
const scripts = readdirSync(join(DIST, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => f.endsWith('.js') && statSync(join(DIST, f)).isFile());
const { before: initial, editor: lazy } = splitByEditor(entries.scripts, scripts, { read: (f) => readFileSync(join(DIST, f), 'utf8') });

const js = table('JavaScript before Monaco', initial);
const css = table('CSS before Monaco', entries.styles);
table('Editor, loaded lazily (Monaco, schema docs, workers)', lazy);

console.log(`\nJavaScript before Monaco: ${kb(js.gzip)} gzip (${kb(js.raw)} raw); budget ${kb(BUDGET_GZIP)} gzip: ${js.gzip <= BUDGET_GZIP ? 'within' : 'OVER'}`);
console.log(`CSS before Monaco: ${kb(css.gzip)} gzip`);
