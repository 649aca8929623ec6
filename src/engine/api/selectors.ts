import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';

export type Labels = Readonly<Record<string, string>> | undefined;

/** One requirement of a parsed selector, the shape of labels.Requirement. */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | '=' | '==' | '!=';
  values: string[];
}

/** A compiled selector: a list of ANDed requirements. `nothing` never matches (a nil selector). */
export interface Selector {
  readonly requirements: readonly Requirement[];
  readonly nothing?: boolean;
}

export const EVERYTHING: Selector = { requirements: [] };
export const NOTHING: Selector = { requirements: [], nothing: true };

export function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'In':
    case '=':
    case '==':
      return has && r.values.includes(v!);
    case 'NotIn':
    case '!=':
      return !has || !r.values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const n = Number(v);
      const bound = Number(r.values[0]);
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
  }
}

export function matches(sel: Selector, labels: Labels): boolean {
  if (sel.nothing) return false;
  for (const r of sel.requirements) if (!matchRequirement(r, labels)) return false;
  return true;
}

/**
 * metav1.LabelSelectorAsSelector: a nil selector selects nothing, an empty one everything;
 * matchLabels and matchExpressions are ANDed.
 */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return NOTHING;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key, operator: 'In', values: [value] });
  for (const e of ls.matchExpressions ?? []) reqs.push(fromExpression(e));
  return { requirements: reqs };
}

function fromExpression(e: LabelSelectorRequirement): Requirement {
  return { key: e.key, operator: e.operator as Requirement['operator'], values: e.values ?? [] };
}

/** Equality-based selector of ReplicationController and Service: a map; empty selects nothing for a Service. */
export function fromMap(map: Record<string, string> | undefined): Selector {
  if (!map) return NOTHING;
  return { requirements: Object.entries(map).map(([key, value]) => ({ key, operator: 'In', values: [value] })) };
}

export function labelSelectorMatches(ls: LabelSelector | undefined | null, labels: Labels): boolean {
  return matches(fromLabelSelector(ls), labels);
}

/** kubectl's string form: "app=web,tier in (a,b),!canary". */
export function selectorToString(sel: Selector): string {
  return sel.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
        case '=':
        case '==':
          return `${r.key}=${r.values[0]}`;
        case 'NotIn':
          return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${[...r.values].sort().join(',')})`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0]}`;
        case 'Lt':
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}

export function labelSelectorString(ls: LabelSelector | undefined): string {
  return selectorToString(fromLabelSelector(ls ?? {}));
}

/**
 * Parses kubectl's `-l` syntax (labels.Parse): "a=b", "a==b", "a!=b", "a in (x,y)", "a notin (x)",
 * "a", "!a", comma-separated. Throws with kubectl-like wording on bad input.
 */
export function parseSelector(text: string): Selector {
  const s = text.trim();
  if (s === '') return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(s)) {
    const p = part.trim();
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      reqs.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((v) => v.trim()).filter((v) => v !== '') });
    } else if ((m = p.match(/^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/))) {
      reqs.push({ key: m[1], operator: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3]] });
    } else if ((m = p.match(/^!\s*([^\s!=(),]+)$/))) {
      reqs.push({ key: m[1], operator: 'DoesNotExist', values: [] });
    } else if ((m = p.match(/^([^\s!=(),]+)$/))) {
      reqs.push({ key: m[1], operator: 'Exists', values: [] });
    } else {
      throw new Error(`unable to parse requirement: found '${p}', expected: ',', '=', '!=', 'in', 'notin'`);
    }
  }
  return { requirements: reqs };
}

/** A selector's comma-separated requirements, commas inside parentheses (`in (a,b)`) kept. */
export function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}
