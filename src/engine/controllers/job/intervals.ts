/**
 * orderedIntervals (indexed_job_utils.go): sets of completion indexes as sorted, merged ranges,
 * printed the way .status.completedIndexes shows them: "1,3-5,7".
 */
export type Interval = { first: number; last: number };
export type Intervals = Interval[];

export function total(oi: Intervals): number {
  let n = 0;
  for (const iv of oi) n += iv.last - iv.first + 1;
  return n;
}

export function has(oi: Intervals, ix: number): boolean {
  for (const iv of oi) {
    if (ix < iv.first) return false;
    if (ix <= iv.last) return true;
  }
  return false;
}

/** String(): consecutive pairs are written "3,4", longer runs "3-5". */
export function intervalsToString(oi: Intervals): string {
  return oi.map((v) => (v.last === v.first ? `${v.first}` : v.last === v.first + 1 ? `${v.first},${v.last}` : `${v.first}-${v.last}`)).join(',');
}

/** merge: the union of two ordered interval lists, adjacent runs joined. */
export function merge(a: Intervals, b: Intervals): Intervals {
  const result: Intervals = [];
  const push = (iv: Interval) => {
    const last = result[result.length - 1];
    if (!last || iv.first > last.last + 1) result.push({ ...iv });
    else if (last.last < iv.last) last.last = iv.last;
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].first < b[j].first) push(a[i++]);
    else push(b[j++]);
  }
  while (i < a.length) push(a[i++]);
  while (j < b.length) push(b[j++]);
  return result;
}

/** withOrderedIndexes: adds indexes given in increasing order. */
export function withIndexes(oi: Intervals, sortedIndexes: readonly number[]): Intervals {
  return merge(oi, sortedIndexes.map((x) => ({ first: x, last: x })));
}

/** parseIndexesFromString: corrupt parts are skipped, indexes at or beyond completions dropped. */
export function parseIndexes(text: string | undefined, completions: number): Intervals {
  if (!text) return [];
  const result: Intervals = [];
  for (const part of text.split(',')) {
    const limits = part.split('-');
    const first = Number.parseInt(limits[0], 10);
    if (!/^\d+$/.test(limits[0]) || Number.isNaN(first)) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      if (!/^\d+$/.test(limits[1])) continue;
      last = Math.min(Number.parseInt(limits[1], 10), completions - 1);
    }
    const prev = result[result.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else result.push({ first, last });
  }
  return result;
}
