/**
 * API errors as the API server returns them (metav1.Status) and kubectl prints them:
 * "Error from server (NotFound): deployments.apps \"web\" not found".
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'InternalError';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
  InternalError: 500,
};

export type FieldErrorType = 'Required' | 'Invalid' | 'Forbidden' | 'Duplicate' | 'NotSupported' | 'TooLong' | 'TooMany' | 'NotFound';

/** One problem at one field path, worded as k8s.io/apimachinery/pkg/util/validation/field does. */
export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly value: unknown,
    readonly detail: string,
  ) {}

  toString(): string {
    switch (this.type) {
      case 'Required':
        return `${this.field}: Required value${this.detail ? `: ${this.detail}` : ''}`;
      case 'Forbidden':
        return `${this.field}: Forbidden${this.detail ? `: ${this.detail}` : ''}`;
      case 'Duplicate':
        return `${this.field}: Duplicate value: ${formatValue(this.value)}`;
      case 'NotSupported':
        return `${this.field}: Unsupported value: ${formatValue(this.value)}${this.detail ? `: ${this.detail}` : ''}`;
      case 'TooLong':
        return `${this.field}: Too long: ${this.detail}`;
      case 'TooMany':
        return `${this.field}: Too many: ${formatValue(this.value)}: ${this.detail}`;
      case 'NotFound':
        return `${this.field}: Not found: ${formatValue(this.value)}${this.detail ? `: ${this.detail}` : ''}`;
      default:
        return `${this.field}: Invalid value: ${formatValue(this.value)}${this.detail ? `: ${this.detail}` : ''}`;
    }
  }
}

export const fieldErr = {
  required: (field: string, detail = '') => new FieldError('Required', field, undefined, detail),
  invalid: (field: string, value: unknown, detail: string) => new FieldError('Invalid', field, value, detail),
  forbidden: (field: string, detail: string) => new FieldError('Forbidden', field, undefined, detail),
  duplicate: (field: string, value: unknown) => new FieldError('Duplicate', field, value, ''),
  notSupported: (field: string, value: unknown, supported: string[]) =>
    new FieldError('NotSupported', field, value, supported.length ? `supported values: ${supported.map((s) => `"${s}"`).join(', ')}` : ''),
  tooLong: (field: string, max: number) => new FieldError('TooLong', field, undefined, `may not be more than ${max} bytes`),
  notFound: (field: string, value: unknown, detail = '') => new FieldError('NotFound', field, value, detail),
};

/** Go's %v-like rendering of an invalid value, as field.Error prints it. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `map[string]string{${entries.map(([a, b]) => `${JSON.stringify(a)}:${JSON.stringify(b)}`).join(', ')}}`;
  }
  return String(v);
}

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldError[] = [],
    /** metav1.StatusDetails kind and name, which kubectl uses for Invalid errors. */
    readonly details?: { kind: string; name: string },
  ) {
    super(message);
    this.code = CODES[reason];
  }

  /**
   * What kubectl prints for this error (cmdutil.StandardErrorMessage): Invalid errors become
   * "The Deployment \"web\" is invalid: ..." with one "* cause" line per cause when there are several.
   */
  kubectlMessage(): string {
    if (this.reason === 'Invalid' && this.details && this.causes.length > 0) {
      const head = `The ${this.details.kind} "${this.details.name}" is invalid: `;
      if (this.causes.length === 1) return head + this.causes[0].toString();
      return head + '\n' + this.causes.map((c) => `* ${c.toString()}`).join('\n');
    }
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

export const apiErr = {
  notFound: (resource: string, name: string) => new ApiError('NotFound', `${resource} "${name}" not found`),
  alreadyExists: (resource: string, name: string) => new ApiError('AlreadyExists', `${resource} "${name}" already exists`),
  conflict: (resource: string, name: string) =>
    new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    ),
  /** qualifiedKind: "Deployment.apps" or "Pod". */
  invalid: (qualifiedKind: string, name: string, errs: FieldError[]) => {
    const list = errs.map((e) => e.toString());
    const body = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
    const kind = qualifiedKind.split('.')[0];
    return new ApiError('Invalid', `${qualifiedKind} "${name}" is invalid: ${body}`, errs, { kind, name });
  },
  forbidden: (resource: string, name: string, detail: string) =>
    new ApiError('Forbidden', `${resource} "${name}" is forbidden: ${detail}`),
  forbiddenRaw: (message: string) => new ApiError('Forbidden', message),
  badRequest: (message: string) => new ApiError('BadRequest', message),
};
