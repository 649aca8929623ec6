/** Simulated time as the clock shows it: "42s", "1m 23s", "2h 5m 9s". */
export function formatSimTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** Seconds for data-seconds: exact to the millisecond, so a one-event step always shows. */
export function simSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
