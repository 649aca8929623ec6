/**
 * Source positions of the values read from YAML, kept beside the values (not inside them) so the
 * objects stay plain Kubernetes JSON.
 */

/** 1-based line and column. */
export interface Pos {
  line: number;
  col: number;
}

/** Where one value sits in its file, and where its children sit. */
export interface PosNode extends Pos {
  /** The key's position when this value is a mapping entry. */
  key?: Pos;
  fields?: Map<string, PosNode>;
  items?: PosNode[];
}

export type PathSegment = string | number;

/**
 * Splits a field path as FieldErrors and kubectl write it: "spec.containers[0].image",
 * "metadata.annotations[example.com/x]" (a bracketed non-number is a map key).
 */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let cur = '';
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (cur) out.push(cur);
      cur = '';
      i++;
    } else if (c === '[') {
      if (cur) out.push(cur);
      cur = '';
      const end = path.indexOf(']', i);
      const inner = end < 0 ? path.slice(i + 1) : path.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
    } else {
      cur += c;
      i++;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Renders segments as kubectl does: "spec.template.spec.containers[0].imagee". */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s ? `.${seg}` : seg;
  }
  return s;
}

/**
 * The position of a field path, or of its nearest existing ancestor. A field that is a mapping
 * entry points at its key (where a reader looks for it); a list item points at the item.
 */
export function positionIn(root: PosNode, path: string | readonly PathSegment[]): Pos {
  const segments = typeof path === 'string' ? parseFieldPath(path) : path;
  let node = root;
  for (const seg of segments) {
    const next = typeof seg === 'number' ? node.items?.[seg] : node.fields?.get(seg);
    if (!next) break;
    node = next;
  }
  const at = node.key ?? node;
  return { line: at.line, col: at.col };
}

/** The position of the value itself (not its key). */
export function valuePositionIn(root: PosNode, segments: readonly PathSegment[]): Pos {
  let node = root;
  for (const seg of segments) {
    const next = typeof seg === 'number' ? node.items?.[seg] : node.fields?.get(seg);
    if (!next) return node.key ?? { line: node.line, col: node.col };
    node = next;
  }
  return { line: node.line, col: node.col };
}
