/**
 * Validation building blocks shared by every kind (apimachinery's api/validation and
 * meta/v1/validation), and a FieldError whose bad value is printed the way Go's field.Error
 * prints non-string values (fmt.Stringer or %#v).
 */
import { deepEqual } from '../equal';
import { FieldError, fieldErr, type FieldErrorType } from '../errors';
import { isQualifiedName, isValidLabelValue } from './names';
import { QUANTITY_REGEX_ERROR, parseQuantityValue } from './quantity';
import { validateLabels } from './meta';

export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';
export const NOT_POSITIVE_ERROR = 'must be greater than zero';

const LABELS: Partial<Record<FieldErrorType, string>> = {
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  NotSupported: 'Unsupported value',
  NotFound: 'Not found',
};

/** A FieldError whose value is already rendered (Go structs, IntOrString, pointers). */
export class RenderedFieldError extends FieldError {
  constructor(
    type: FieldErrorType,
    field: string,
    readonly rendered: string,
    detail: string,
  ) {
    super(type, field, rendered, detail);
  }

  override toString(): string {
    const label = LABELS[this.type];
    if (!label) return super.toString();
    return `${this.field}: ${label}: ${this.rendered}${this.detail ? `: ${this.detail}` : ''}`;
  }
}

export function invalidRaw(field: string, rendered: string, detail: string): FieldError {
  return new RenderedFieldError('Invalid', field, rendered, detail);
}

/** An IntOrString prints without quotes (it is a fmt.Stringer). */
export function intOrStringText(v: unknown): string {
  return v === undefined || v === null ? 'null' : String(v);
}

export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldErr.invalid(path, value, IS_NEGATIVE_ERROR)] : [];
}

/** Go's %#v of a Go string slice or map, for values passed to field.Invalid as such. */
export function goStringSlice(v: readonly string[] | undefined, type = '[]string'): string {
  if (!v) return `${type}(nil)`;
  return `${type}{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
}

export function goStringMap(v: Record<string, string> | undefined): string {
  if (!v) return 'map[string]string(nil)';
  const keys = Object.keys(v).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(v[k])}`).join(', ')}}`;
}

/** %#v of a *metav1.LabelSelector, as "field is immutable" errors on spec.selector print it. */
export function goLabelSelector(sel: any): string {
  if (!sel) return 'null';
  const ml = sel.matchLabels ? goStringMap(sel.matchLabels) : 'map[string]string(nil)';
  const exprs = sel.matchExpressions as any[] | undefined;
  const me = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

/** ValidateImmutableField: "<path>: Invalid value: <new>: field is immutable". */
export function immutable(next: unknown, prev: unknown, path: string, render?: (v: unknown) => string): FieldError[] {
  if (deepEqual(next, prev)) return [];
  return [render ? invalidRaw(path, render(next), FIELD_IMMUTABLE) : fieldErr.invalid(path, next ?? null, FIELD_IMMUTABLE)];
}

/** unversionedvalidation.ValidateLabelName: a qualified name. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
}


/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(sel: any, path: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  for (const [i, r] of ((sel.matchExpressions ?? []) as any[]).entries()) {
    const p = `${path}.matchExpressions[${i}]`;
    const values: unknown[] = r.values ?? [];
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErr.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErr.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldErr.invalid(`${p}.operator`, r.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(String(r.key ?? ''), `${p}.key`));
    for (const [j, v] of values.entries()) {
      for (const m of isValidLabelValue(String(v))) errs.push(fieldErr.invalid(`${p}.values[${j}]`, v, m));
    }
  }
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}

/** Is a label selector (matchLabels/matchExpressions) satisfied by these labels? */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of (sel?.matchExpressions ?? []) as any[]) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const vals: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !vals.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function selectorIsEmpty(sel: any): boolean {
  return Object.keys(sel?.matchLabels ?? {}).length + (sel?.matchExpressions ?? []).length === 0;
}

/** ValidateResourceQuantityValue: parseable, not negative, integral for integer resources. */
export function validateQuantity(q: unknown, path: string, integer = false): FieldError[] {
  const parsed = parseQuantityValue(q);
  if (!parsed) return [fieldErr.invalid(path, q ?? null, QUANTITY_REGEX_ERROR)];
  if (parsed.value < 0) return [fieldErr.invalid(path, String(q), IS_NEGATIVE_ERROR)];
  if (integer && !Number.isInteger(Math.round(parsed.value * 1000) / 1000)) return [fieldErr.invalid(path, String(q), 'must be an integer')];
  return [];
}

/** A short rendering of what changed between two specs, in the spirit of the cmp.Diff upstream appends. */
export function specDiff(typeName: string, prev: Record<string, unknown> | undefined, next: Record<string, unknown> | undefined): string {
  const a = prev ?? {};
  const b = next ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const lines = [`  ${typeName}{`];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    if (deepEqual(a[k], b[k])) {
      same++;
      continue;
    }
    flush();
    const name = k.charAt(0).toUpperCase() + k.slice(1);
    if (a[k] !== undefined) lines.push(`- \t${name}: ${JSON.stringify(a[k])},`);
    if (b[k] !== undefined) lines.push(`+ \t${name}: ${JSON.stringify(b[k])},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}
