/**
 * intstr.GetScaledValueFromIntOrPercent (k8s.io/apimachinery/pkg/util/intstr): an int is taken
 * as is; "25%" of total rounds up or down as asked.
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    if (/^\d+$/.test(v)) return Number(v);
    throw new Error(`invalid value for IntOrString: invalid value "${v}": must be an integer or percentage (e.g '5%')`);
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function isPercent(v: unknown): v is string {
  return typeof v === 'string' && /^\d+%$/.test(v);
}
