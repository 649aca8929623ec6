/**
 * What a built page loads before the editor: the entry scripts and stylesheets of
 * dist/index.html and every chunk they import, except the editor's own lazy chunks (Monaco,
 * the schema descriptions) and the workers. A chunk the page imports dynamically for another
 * reason still counts: the page needs it before it is useful.
 */
export interface ChunkSource {
  read(file: string): string;
}

const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?["'](\.\/[^"']+)["']/g;

/** Relative files a chunk imports statically (minified ESM: `import{a as b}from"./x.js"`). */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(STATIC_IMPORT)) out.add(m[1].slice(2));
  return [...out];
}

/** Entry scripts and stylesheets named by index.html, relative to dist/. */
export function htmlEntries(html: string): { scripts: string[]; styles: string[] } {
  const clean = (p: string) => p.replace(/^\.?\//, '');
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => clean(m[1]));
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => clean(m[1]));
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => clean(m[1]));
  return { scripts: [...new Set([...scripts, ...preloads])], styles };
}

/** Relative files a chunk imports with `import("./x.js")` (minifiers may write the path as a template literal). */
export function dynamicImports(code: string): string[] {
  return [...new Set([...code.matchAll(/import\(\s*["'`](\.\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1].slice(2)))];
}

/** Every script reachable from the entries (static imports only, or dynamic ones too), entry first; paths relative to dist/. */
export function initialScripts(entries: string[], src: ChunkSource, followDynamic = false): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const code = src.read(file);
    for (const imp of staticImports(code)) queue.push(dir + imp);
    if (followDynamic) for (const imp of dynamicImports(code)) queue.push(dir + imp);
  }
  return [...seen];
}

/** Chunks that belong to the lazily loaded editor: Monaco and monaco-yaml, the schemas' descriptions, the workers. */
export const EDITOR_CHUNK = /^assets\/(createYamlEditor|kubernetes-v1\.36\.descriptions|[\w.-]*\.worker)-/;

/** Splits every script of dist/assets into what loads before the editor and what the editor loads. */
export function splitByEditor(entries: string[], allScripts: string[], src: ChunkSource): { before: string[]; editor: string[] } {
  const needed = new Set(initialScripts(entries, src));
  const editor = new Set(initialScripts(allScripts.filter((f) => EDITOR_CHUNK.test(f)), src, true).filter((f) => !needed.has(f)));
  return { before: allScripts.filter((f) => !editor.has(f)), editor: allScripts.filter((f) => editor.has(f)) };
}
