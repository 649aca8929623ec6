/**
 * The checks the API server's JSON decoder makes on a few special types, with its wording:
 * resource.Quantity, metav1.Time (RFC 3339) and []byte (base64, as Secret.data).
 * Each returns the error message, or undefined when the value decodes.
 */
import { isQuantity } from '../api/quantity';

/** k8s.io/apimachinery/pkg/api/resource: ErrFormatWrong and ErrSuffix. */
const QUANTITY_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
export const ERR_QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export function quantityError(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : ERR_QUANTITY_FORMAT;
  if (typeof v !== 'string') return ERR_QUANTITY_FORMAT;
  if (isQuantity(v)) return undefined;
  const m = QUANTITY_FORMAT.exec(v.trim());
  if (!m || !/\d/.test(m[1])) return ERR_QUANTITY_FORMAT;
  // The number is read as far as it goes ("1.2" of "1.2.3"); what follows must be a known suffix.
  return "unable to parse quantity's suffix";
}

const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** time.Parse(time.RFC3339, s) as metav1.Time's UnmarshalJSON calls it, with Go's error text. */
export function rfc3339Error(s: string): string | undefined {
  let rest = s;
  const cannot = (elem: string) => `parsing time ${goQuote(s)} as ${goQuote(RFC3339_LAYOUT)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`;
  const outOfRange = (what: string) => `parsing time ${goQuote(s)}: ${what} out of range`;
  const num = (n: number, elem: string, flexible = false): number | string => {
    const m = (flexible ? /^\d\d?/ : new RegExp(`^\\d{${n}}`)).exec(rest);
    if (!m) return cannot(elem);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const lit = (c: string): string | undefined => {
    if (!rest.startsWith(c)) return cannot(c);
    rest = rest.slice(c.length);
    return undefined;
  };
  const year = num(4, '2006');
  if (typeof year === 'string') return year;
  let e = lit('-');
  if (e) return e;
  const month = num(2, '01');
  if (typeof month === 'string') return month;
  if (month < 1 || month > 12) return outOfRange('month');
  if ((e = lit('-'))) return e;
  const day = num(2, '02');
  if (typeof day === 'string') return day;
  if ((e = lit('T'))) return e;
  const hour = num(2, '15', true);
  if (typeof hour === 'string') return hour;
  if (hour > 23) return outOfRange('hour');
  if ((e = lit(':'))) return e;
  const minute = num(2, '04');
  if (typeof minute === 'string') return minute;
  if (minute > 59) return outOfRange('minute');
  if ((e = lit(':'))) return e;
  const second = num(2, '05');
  if (typeof second === 'string') return second;
  if (second > 59) return outOfRange('second');
  const frac = /^[.,]\d+/.exec(rest);
  if (frac) rest = rest.slice(frac[0].length);
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^[+-]\d\d:\d\d/.exec(rest);
    if (!zone) return cannot('Z07:00');
    rest = rest.slice(zone[0].length);
  }
  if (rest) return `parsing time ${goQuote(s)}: extra text: ${goQuote(rest)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}

const B64 = /[A-Za-z0-9+/]/;

/** base64.StdEncoding.DecodeString as encoding/json uses it for []byte; newlines are skipped. */
export function base64Error(s: string): string | undefined {
  const corrupt = (at: number) => `illegal base64 data at input byte ${at}`;
  const skipNewlines = (i: number) => {
    while (i < s.length && (s[i] === '\n' || s[i] === '\r')) i++;
    return i;
  };
  let i = 0;
  for (;;) {
    // One quantum of four characters.
    let j = 0;
    while (j < 4) {
      if (i === s.length) {
        if (j === 0) return undefined;
        return corrupt(i - j);
      }
      const c = s[i++];
      if (B64.test(c)) {
        j++;
        continue;
      }
      if (c === '\n' || c === '\r') continue;
      if (c !== '=') return corrupt(i - 1);
      if (j < 2) return corrupt(i - 1);
      if (j === 2) {
        i = skipNewlines(i);
        if (i === s.length) return corrupt(s.length);
        if (s[i] !== '=') return corrupt(i - 1);
        i++;
      }
      i = skipNewlines(i);
      return i < s.length ? corrupt(i) : undefined;
    }
  }
}
