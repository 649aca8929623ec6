import { describe, expect, it } from 'vitest';
import { base64Error, ERR_QUANTITY_FORMAT, quantityError, rfc3339Error } from './goDecode';

describe('resource.Quantity decoding', () => {
  it.each(['500m', '1.5', '128Mi', '1G', '1e3', '0', '+1Ki', ' 2Gi '])('accepts %j', (q) => {
    expect(quantityError(q)).toBeUndefined();
  });

  it('accepts JSON numbers', () => {
    expect(quantityError(0.5)).toBeUndefined();
    expect(quantityError(2)).toBeUndefined();
  });

  it('words a malformed quantity as ParseQuantity does', () => {
    expect(quantityError('1Gx')).toBe(ERR_QUANTITY_FORMAT);
    expect(quantityError('abc')).toBe(ERR_QUANTITY_FORMAT);
    expect(quantityError(true)).toBe(ERR_QUANTITY_FORMAT);
    expect(quantityError('1KK')).toBe("unable to parse quantity's suffix");
    expect(quantityError('1.2.3')).toBe("unable to parse quantity's suffix");
    expect(quantityError('.')).toBe(ERR_QUANTITY_FORMAT);
  });
});

describe('metav1.Time decoding (time.Parse with RFC 3339)', () => {
  it.each(['2026-01-01T00:00:00Z', '2024-02-29T23:59:59.123456Z', '2024-06-01T10:00:00+02:00'])('accepts %s', (t) => {
    expect(rfc3339Error(t)).toBeUndefined();
  });

  it("words failures as Go's time package does", () => {
    expect(rfc3339Error('2020-01-01')).toBe('parsing time "2020-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"');
    expect(rfc3339Error('yesterday')).toBe('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
    expect(rfc3339Error('2020-13-01T00:00:00Z')).toBe('parsing time "2020-13-01T00:00:00Z": month out of range');
    expect(rfc3339Error('2023-02-29T00:00:00Z')).toBe('parsing time "2023-02-29T00:00:00Z": day out of range');
    expect(rfc3339Error('2020-01-01T00:00:00Zjunk')).toBe('parsing time "2020-01-01T00:00:00Zjunk": extra text: "junk"');
  });
});

describe('[]byte decoding (base64, as Secret data)', () => {
  it.each(['', 'YWJj', 'YWI=', 'YQ==', 'YWJj\nZGVm'])('accepts %j', (s) => {
    expect(base64Error(s)).toBeUndefined();
  });

  it('reports the offending byte as encoding/base64 does', () => {
    expect(base64Error('<CABundle info>')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('abc')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('YWJjZ')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('YQ=')).toBe('illegal base64 data at input byte 3');
    expect(base64Error('YQ==YQ==')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('a===')).toBe('illegal base64 data at input byte 1');
    expect(base64Error('pass word')).toBe('illegal base64 data at input byte 4');
  });
});
