/** A generated pod name's pod-template-hash (ReplicaSet) segment: 6–10 lower-case letters and digits. */
const HASH = /^[a-z0-9]{6,10}$/;
const MAX = 17;

/**
 * A pod name short enough for a card, keeping what tells pods apart: the workload's name and
 * the random suffix ("web-766486c5b6-wkv9w" → "web-…-wkv9w"); other long names lose their middle.
 * The full name stays in the title and in data-name.
 */
export function shortPodName(name: string): string {
  if (name.length <= MAX) return name;
  const parts = name.split('-');
  if (parts.length >= 3 && HASH.test(parts[parts.length - 2]) && /\d/.test(parts[parts.length - 2])) {
    const short = `${parts.slice(0, -2).join('-')}-…-${parts[parts.length - 1]}`;
    if (short.length <= MAX + 2) return short;
    const tail = `…-${parts[parts.length - 1]}`;
    return `${name.slice(0, MAX - tail.length)}${tail}`;
  }
  const keep = MAX - 1;
  const head = Math.ceil(keep / 2);
  return `${name.slice(0, head)}…${name.slice(name.length - (keep - head))}`;
}
