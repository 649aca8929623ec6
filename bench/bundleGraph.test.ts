import { describe, expect, it } from 'vitest';
import { htmlEntries, initialScripts, splitByEditor, staticImports } from './bundleGraph';

describe('bundle graph', () => {
  it('finds static imports and leaves dynamic ones out', () => {
    const code = 'import{a as b}from"./react-x1.js";import"./side.js";export{c}from"./re.js";const m=()=>import("./monaco-9.js");new Worker(new URL("./w.js",import.meta.url))';
    expect(staticImports(code)).toEqual(['react-x1.js', 'side.js', 're.js']);
  });

  it('reads the entry script, preloads and styles from index.html', () => {
    const html = '<script type="module" crossorigin src="./assets/index-A.js"></script><link rel="modulepreload" crossorigin href="./assets/vendor-B.js"><link rel="stylesheet" crossorigin href="./assets/index-C.css">';
    expect(htmlEntries(html)).toEqual({ scripts: ['assets/index-A.js', 'assets/vendor-B.js'], styles: ['assets/index-C.css'] });
  });

  it('follows static imports transitively, once each', () => {
    const files: Record<string, string> = {
      'assets/a.js': 'import"./b.js";import("./lazy.js")',
      'assets/b.js': 'import{x}from"./c.js";import"./a.js"',
      'assets/c.js': '',
      'assets/lazy.js': 'import"./huge.js"',
    };
    expect(initialScripts(['assets/a.js'], { read: (f) => files[f] })).toEqual(['assets/a.js', 'assets/b.js', 'assets/c.js']);
  });

  it('counts every chunk but the editor’s own and the workers as loaded before the editor', () => {
    const files: Record<string, string> = {
      'assets/index-A.js': 'import"./react-B.js";import("./createYamlEditor-C.js");import("./engine-D.js")',
      'assets/react-B.js': '',
      'assets/engine-D.js': 'import"./react-B.js"',
      'assets/createYamlEditor-C.js': 'import"./react-B.js";import"./monaco-E.js"',
      'assets/monaco-E.js': 'const l=()=>i(()=>import(`./yaml-G.js`),[],import.meta.url)',
      'assets/yaml-G.js': '',
      'assets/yaml.worker-F.js': '',
    };
    const split = splitByEditor(['assets/index-A.js'], Object.keys(files), { read: (f) => files[f] });
    expect(split.before).toEqual(['assets/index-A.js', 'assets/react-B.js', 'assets/engine-D.js']);
    expect([...split.editor].sort()).toEqual(['assets/createYamlEditor-C.js', 'assets/monaco-E.js', 'assets/yaml.worker-F.js', 'assets/yaml-G.js'].sort());
  });
});
