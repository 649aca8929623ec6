import type { Rng } from '../../random';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
/** A DER TLV with a definite length. */
function tlv(tag: number, body: number[]): number[] {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...len, ...body];
}
const seq = (...parts: number[][]) => tlv(0x30, parts.flat());
const random = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(256));

/** OIDs: sha256WithRSAEncryption, rsaEncryption, commonName. */
const SHA256_RSA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
const RSA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const CN = [0x06, 0x03, 0x55, 0x04, 0x03];

/**
 * The cluster's root CA certificate as kubeadm makes it (self-signed, CN=kubernetes, RSA 2048,
 * ten years), DER-shaped with the key and signature bits drawn from the seeded RNG, in PEM.
 * Nothing verifies it; it only has to look and size like the real thing in kube-root-ca.crt.
 */
export function rootCaPem(rng: Rng): string {
  const name = seq(tlv(0x31, seq(CN, tlv(0x0c, ascii('kubernetes')))));
  const algo = seq(SHA256_RSA, [0x05, 0x00]);
  const modulus = tlv(0x02, [0x00, 0x80 | rng.int(128), ...random(rng, 255)]);
  const key = seq(seq(RSA, [0x05, 0x00]), tlv(0x03, [0x00, ...seq(modulus, [0x02, 0x03, 0x01, 0x00, 0x01])]));
  const validity = seq(tlv(0x17, ascii('260101000000Z')), tlv(0x17, ascii('351230000000Z')));
  const tbs = seq(tlv(0xa0, [0x02, 0x01, 0x02]), tlv(0x02, [0x01, ...random(rng, 7)]), algo, name, validity, name, key);
  const cert = seq(tbs, algo, tlv(0x03, [0x00, ...random(rng, 256)]));
  const lines = base64(cert).match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
