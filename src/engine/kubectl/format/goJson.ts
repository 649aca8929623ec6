/**
 * JSON as `kubectl get -o json` prints it: Go's json.MarshalIndent with four spaces, map keys in
 * byte order, and Go's HTML-safe escaping of <, > and & (so "<none>" reads "\u003cnone\u003e").
 */
export function toGoJson(value: unknown, indent = '    '): string {
  return encode(JSON.parse(JSON.stringify(value ?? null)), '', indent);
}

function encode(v: unknown, prefix: string, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + encode(x, inner, indent)).join(',\n')}\n${prefix}]`;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).sort(byteOrder);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${quote(k)}: ${encode(obj[k], inner, indent)}`).join(',\n')}\n${prefix}}`;
}

function byteOrder(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < ea.length && i < eb.length; i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
