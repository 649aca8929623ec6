/**
 * Shell-style recall of earlier commands with ↑/↓. Walking away from the line being typed keeps
 * it as a draft, and walking back past the newest entry restores it.
 */
export interface HistoryCursor {
  /** Position in the entries; entries.length means the draft line. */
  index: number;
  draft: string;
}

export function freshCursor(entries: readonly string[]): HistoryCursor {
  return { index: entries.length, draft: '' };
}

export function historyUp(entries: readonly string[], cursor: HistoryCursor, current: string): { cursor: HistoryCursor; text: string } | undefined {
  const index = Math.min(cursor.index, entries.length);
  if (index === 0) return undefined;
  const draft = index === entries.length ? current : cursor.draft;
  return { cursor: { index: index - 1, draft }, text: entries[index - 1] };
}

export function historyDown(entries: readonly string[], cursor: HistoryCursor): { cursor: HistoryCursor; text: string } | undefined {
  if (cursor.index >= entries.length) return undefined;
  const index = cursor.index + 1;
  return { cursor: { index, draft: cursor.draft }, text: index === entries.length ? cursor.draft : entries[index] };
}

/** The commands to recall: oldest first, blank lines dropped, repeats in a row kept once. */
export function recallList(commands: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    if (c.trim() === '' || out[out.length - 1] === c) continue;
    out.push(c);
  }
  return out;
}
