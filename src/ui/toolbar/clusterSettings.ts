/** The most worker nodes the menu offers: enough for every lesson, few enough to draw legibly. */
export const MAX_WORKERS = 12;

/** A worker count from the form: a whole number from 1 to MAX_WORKERS, else the current one. */
export function clampWorkers(text: string, fallback: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || text.trim() === '') return fallback;
  return Math.min(MAX_WORKERS, Math.max(1, Math.round(n)));
}

/** A seed from the form: any safe whole number, else the current one. */
export function parseSeed(text: string, fallback: number): number {
  const n = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(n) ? n : fallback;
}
