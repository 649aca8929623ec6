import type { ConsoleEntry } from '../../store/playgroundStore';

/**
 * The entries the console shows: those after the last `clear`. `clear` only clears the view; the
 * store keeps every command (they are the scenario's steps). The marker is the last entry at the
 * time of clearing: if the store has since dropped it (history is capped), every remaining entry
 * came after it.
 */
export function visibleEntries(history: readonly ConsoleEntry[], clearedAfter: ConsoleEntry | undefined): readonly ConsoleEntry[] {
  if (!clearedAfter) return history;
  const i = history.lastIndexOf(clearedAfter);
  return i < 0 ? history : history.slice(i + 1);
}

/** Whether a line is one the console handles itself rather than the command language. */
export function isClearCommand(line: string): boolean {
  return /^\s*clear\s*$/.test(line);
}
