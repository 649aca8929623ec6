import type { Pos } from './positions';

/**
 * A linear pass over the raw text before the YAML parser sees it. The parser's cost grows with
 * nesting (a few MB of `[` take it half a minute), so input nested far beyond any manifest is
 * refused here; binary data and document floods are refused too. Deliberately conservative:
 * brackets are counted even inside strings, with ten times the depth limit as headroom.
 */

/** Not printable in YAML (c-printable): what go-yaml rejects with "control characters are not allowed". */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

export interface ScanProblem {
  at: Pos;
  message: string;
}

export function positionOfOffset(text: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

export function preScan(text: string, maxDepth: number, maxDocuments: number): ScanProblem | undefined {
  const control = CONTROL.exec(text);
  if (control) return { at: positionOfOffset(text, control.index), message: 'yaml: control characters are not allowed' };

  const limit = maxDepth * 10;
  const tooDeep = (offset: number): ScanProblem => ({ at: positionOfOffset(text, offset), message: `yaml: exceeded max depth of ${maxDepth}` });
  let flow = 0;
  let markers = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      // "---" document markers.
      if (c === 45 && text.startsWith('---', i)) {
        const after = text.charCodeAt(i + 3);
        if (Number.isNaN(after) || after === 10 || after === 13 || after === 32 || after === 9) {
          if (++markers > maxDocuments + 1) return { at: positionOfOffset(text, i), message: `too many documents: the playground accepts at most ${maxDocuments}` };
        }
      }
      // Compact nested block collections on one line: "- - - - x", "? ? ? x".
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      let chain = 0;
      for (;;) {
        const d = text.charCodeAt(j);
        const next = text.charCodeAt(j + 1);
        if ((d === 45 || d === 63) && (next === 32 || next === 9)) {
          chain++;
          j += 2;
          while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
        } else break;
      }
      if (chain > limit) return tooDeep(i);
    }
    if (c === 10) lineStart = true;
    else if (c === 91 || c === 123) {
      if (++flow > limit) return tooDeep(i);
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return undefined;
}
