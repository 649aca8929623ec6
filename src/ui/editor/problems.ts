import type { ManifestProblem } from '../../engine/manifests/types';
import type { ApplyOutcome } from '../../store/playgroundStore';

/** The file name the editor's buffer goes by, as kubectl would print it for `-f editor.yaml`. */
export const EDITOR_FILE = 'editor.yaml';

/** 'refused': the API server refused an object while committing (objects before it may have applied). */
export type ApplyStatus = 'applied' | 'refused' | 'invalid';

/**
 * How an apply ended, from kubectl's exit status: 0 everything applied, 2 the input was invalid
 * so nothing was applied, 1 the server refused an object while committing.
 */
export function applyStatus(outcome: Pick<ApplyOutcome, 'exitCode'>): ApplyStatus {
  if (outcome.exitCode === 0) return 'applied';
  return outcome.exitCode === 2 ? 'invalid' : 'refused';
}

/** kubectl's problem line, "<file>:<line>:<col>: message". */
export function problemLine(p: ManifestProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** The position label shown beside a problem (and what checks look for: "line <n>"). */
export function problemPosition(p: ManifestProblem): string {
  return `line ${p.line}, col ${p.col}`;
}

export interface MarkerRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
}

/**
 * Where each problem of the editor's file is drawn: from its column to the end of its line (a
 * single character would be easy to miss), clamped to the buffer as it is now.
 */
export function problemRanges(problems: readonly ManifestProblem[], lineCount: number, lineMaxColumn: (line: number) => number, file = EDITOR_FILE): MarkerRange[] {
  const out: MarkerRange[] = [];
  for (const p of problems) {
    if (p.file !== file || lineCount < 1) continue;
    const line = Math.min(Math.max(1, p.line), lineCount);
    const maxCol = lineMaxColumn(line);
    const startColumn = Math.min(Math.max(1, p.col), maxCol);
    const endColumn = maxCol > startColumn ? maxCol : startColumn + 1;
    out.push({ startLineNumber: line, startColumn, endLineNumber: line, endColumn, message: p.message });
  }
  return out;
}
