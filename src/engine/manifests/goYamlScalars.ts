/**
 * Plain-scalar resolution as kubectl reads YAML: sigs.k8s.io/yaml hands the text to go-yaml v2
 * (YAML 1.1 rules) and converts the result to JSON. So `yes`, `on`, `y` are booleans, `0755` is
 * octal, `1_000` is 1000, while timestamps and `1:20` stay strings.
 * Mirrors resolve() in gopkg.in/yaml.v2/resolve.go (the fork sigs.k8s.io/yaml/goyaml.v2).
 */

export type Resolved = null | boolean | number | string;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS = new Map<string, number>(Object.entries({
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
}));

/** yamlStyleFloat in resolve.go. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseInt(s, 0, 64) / ParseUint: sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
function parseGoInt(s: string): number | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
  } else if (body.length > 1 && body[0] === '0') {
    base = 8;
    body = body.slice(1);
  }
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  const big = BigInt(base === 10 ? body : `0${base === 16 ? 'x' : base === 8 ? 'o' : 'b'}${body}`);
  // int64, or uint64 for non-negative values beyond it (ParseUint).
  if (neg ? big > 2n ** 63n : big >= 2n ** 64n) return undefined;
  const n = Number(big);
  return neg ? 0 - n : n;
}

/**
 * The value of an untagged plain (unquoted, non-block) scalar. Numbers that JSON cannot hold
 * (±Inf, NaN) are returned as such; the caller reports them as kubectl does.
 */
export function resolvePlain(s: string): Resolved {
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  const special = SPECIAL_FLOATS.get(s);
  if (special !== undefined) return special;
  const c = s.charCodeAt(0);
  if (c === 46 /* . */) {
    // strconv.ParseFloat on the text itself.
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? finiteOr(Number(s), s) : s;
  }
  const digit = c >= 48 && c <= 57;
  if (!digit && c !== 43 && c !== 45) return s;
  const plain = s.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) return finiteOr(Number(plain), s);
  return s;
}

/** ParseFloat fails on overflow (ErrRange), and go-yaml then keeps the text. */
function finiteOr(n: number, text: string): number | string {
  return Number.isFinite(n) ? n + 0 : text;
}

/** The explicit tags kubectl's YAML reader honours; others leave the scalar as a string. */
export function resolveTagged(tag: string, s: string): Resolved | Error {
  switch (tag) {
    case 'tag:yaml.org,2002:str':
      return s;
    case 'tag:yaml.org,2002:null':
      return NULLS.has(s) ? null : new Error(`cannot decode !!str \`${s}\` as a !!null`);
    case 'tag:yaml.org,2002:bool': {
      const v = resolvePlain(s);
      return typeof v === 'boolean' ? v : new Error(`cannot decode !!str \`${s}\` as a !!bool`);
    }
    case 'tag:yaml.org,2002:int': {
      const v = resolvePlain(s);
      return typeof v === 'number' && Number.isInteger(v) ? v : new Error(`cannot decode !!str \`${s}\` as a !!int`);
    }
    case 'tag:yaml.org,2002:float': {
      const v = resolvePlain(s);
      return typeof v === 'number' ? v : new Error(`cannot decode !!str \`${s}\` as a !!float`);
    }
    default:
      return s;
  }
}

/**
 * A mapping key as sigs.k8s.io/yaml turns it into a JSON object key: strings stay, booleans
 * become "true"/"false" (so a key `y:` is "true"), numbers their decimal text.
 */
export function keyString(v: Resolved): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (v === Infinity) return '.inf';
    if (v === -Infinity) return '-.inf';
    return String(v);
  }
  return undefined;
}
