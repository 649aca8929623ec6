/**
 * Whether replacing the editor's text with a starter must ask first: only when the text is the
 * user's own work, i.e. neither empty, nor a starter as shipped, nor what was last applied
 * (which the cluster and the share link already keep).
 */
export function replaceNeedsConfirm(current: string, starters: readonly string[], lastApplied: string | undefined): boolean {
  const norm = (s: string) => s.replace(/\r\n/g, '\n').trimEnd();
  const text = norm(current);
  if (text === '') return false;
  if (lastApplied !== undefined && norm(lastApplied) === text) return false;
  return !starters.some((s) => norm(s) === text);
}
