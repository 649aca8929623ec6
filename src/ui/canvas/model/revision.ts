/**
 * Colours for rollout revisions, far apart in hue and all readable on the dark canvas. A
 * revision's colour never changes, so old and new pods stay told apart through a rollout (the
 * card also prints the revision number: colour is never the only signal).
 */
export const REVISION_COLORS = ['#4c8dff', '#e07bff', '#ff9f43', '#2ed3b7', '#ff6b8b', '#c5d94a', '#8fa8ff', '#ffd166'] as const;

export function revisionColor(revision: number | undefined): string | undefined {
  if (!revision || revision < 1) return undefined;
  return REVISION_COLORS[(revision - 1) % REVISION_COLORS.length];
}
