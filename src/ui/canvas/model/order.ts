const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order for names: worker-2 before worker-10, as a person counts. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Namespaces the canvas hides unless asked: the cluster's own machinery. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
