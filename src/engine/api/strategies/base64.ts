/** Standard base64 (RFC 4648, with padding) of UTF-8 text, and a strict decoder check, as Go's encoding/base64 does. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

export function base64Encode(text: string): string {
  const bytes = utf8(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/**
 * The byte offset Go reports for malformed base64 ("illegal base64 data at input byte N"), or
 * undefined when the text decodes. Go's JSON decoding of []byte skips \r and \n.
 */
export function base64ErrorOffset(text: string): number | undefined {
  const s = text.replace(/[\r\n]/g, '');
  let i = 0;
  for (; i < s.length; i++) {
    const ch = s[i];
    if (ch === '=') break;
    if (!ALPHABET.includes(ch)) return i;
  }
  if (i < s.length) {
    // Padding: only at the end, making the length a multiple of 4, at most two.
    const pad = s.slice(i);
    if (!/^={1,2}$/.test(pad) || s.length % 4 !== 0 || i % 4 < 2) return i;
    return undefined;
  }
  if (s.length % 4 === 1) return s.length - 1 >= 0 ? s.length - 1 : 0;
  if (s.length % 4 !== 0) return s.length;
  return undefined;
}

/** Decoded length in bytes (for size limits). */
export function base64DecodedLength(text: string): number {
  const s = text.replace(/[\r\n=]/g, '');
  return Math.floor((s.length * 3) / 4);
}
