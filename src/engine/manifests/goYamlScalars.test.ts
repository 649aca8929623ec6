import { describe, expect, it } from 'vitest';
import { keyString, resolvePlain, resolveTagged } from './goYamlScalars';

// Vectors checked against kubectl v1.32 (sigs.k8s.io/yaml over go-yaml v2):
// `kubectl label -f foo.yaml --local -o json` on a custom resource whose spec held these plain scalars.
describe('plain scalars resolve as kubectl reads YAML (go-yaml v2, YAML 1.1)', () => {
  it.each([
    ['y', true], ['yes', true], ['Yes', true], ['on', true], ['ON', true], ['True', true], ['TRUE', true],
    ['n', false], ['no', false], ['off', false], ['Off', false], ['false', false],
  ])('%s is the boolean %s', (text, value) => {
    expect(resolvePlain(text)).toBe(value);
  });

  it.each([
    ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ])('%j is null', (text, value) => {
    expect(resolvePlain(text)).toBe(value);
  });

  it.each([
    ['0755', 493], ['012_3', 83], ['0o17', 15], ['0x1f', 31], ['0x_1f', 31], ['0b11', 3], ['-0b11', -3],
    ['1_000', 1000], ['+12', 12], ['-0', 0], ['00', 0],
    ['0999', 999], ['08', 8], ['1e3', 1000], ['1.0e+3', 1000], ['1e-3', 0.001], ['1.5_0', 1.5], ['.5', 0.5], ['1.0', 1], ['0.', 0],
    ['9223372036854775808', 9223372036854775808],
  ])('%s is the number %s', (text, value) => {
    expect(resolvePlain(text)).toBe(value);
  });

  it.each(['tRUE', '0o8', '1:20', '2001-12-14', '2001-12-14T21:59:43.10-05:00', '12e', '0.1.2', '1e400', 'nginx:1.25', '-', '.'])(
    '%s stays a string',
    (text) => {
      expect(resolvePlain(text)).toBe(text);
    },
  );

  it('reads .inf and .nan as the floats JSON cannot hold', () => {
    expect(resolvePlain('.inf')).toBe(Infinity);
    expect(resolvePlain('-.Inf')).toBe(-Infinity);
    expect(resolvePlain('.NaN')).toBeNaN();
  });

  it('does not mistake inherited property names for special values', () => {
    expect(resolvePlain('constructor')).toBe('constructor');
    expect(resolvePlain('__proto__')).toBe('__proto__');
    expect(resolvePlain('toString')).toBe('toString');
  });
});

describe('explicit tags', () => {
  it('!!str keeps the text', () => {
    expect(resolveTagged('tag:yaml.org,2002:str', '0755')).toBe('0755');
  });

  it('!!int on a non-integer is an error', () => {
    expect(resolveTagged('tag:yaml.org,2002:int', 'abc')).toBeInstanceOf(Error);
    expect(resolveTagged('tag:yaml.org,2002:int', '12')).toBe(12);
  });

  it('unknown tags leave the scalar as text', () => {
    expect(resolveTagged('!Ref', 'x')).toBe('x');
  });
});

describe('mapping keys become JSON keys as sigs.k8s.io/yaml writes them', () => {
  it('booleans and numbers become their text', () => {
    expect(keyString(true)).toBe('true');
    expect(keyString(false)).toBe('false');
    expect(keyString(1)).toBe('1');
    expect(keyString(2.5)).toBe('2.5');
    expect(keyString('app')).toBe('app');
    expect(keyString(null)).toBeUndefined();
  });
});
