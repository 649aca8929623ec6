import { describe, expect, it } from 'vitest';
import { isClockKey } from './useAnimationLoop';

const target = (matches: boolean, tagName = 'DIV', inClock = false) =>
  ({ tagName, closest: (sel: string) => (sel === '.clock' ? (inClock ? {} : null) : matches ? {} : null) }) as unknown as EventTarget;
const key = (k: string, over: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: target(false), ...over }) as KeyboardEvent;

describe('isClockKey', () => {
  it('takes Space and "." on the page', () => {
    expect(isClockKey(key(' '))).toBe(true);
    expect(isClockKey(key('.'))).toBe(true);
    expect(isClockKey(key('a'))).toBe(false);
  });
  it('leaves them to editors, fields and buttons', () => {
    expect(isClockKey(key(' ', { target: target(true) }))).toBe(false);
  });
  it('takes Space on the clock\'s own buttons', () => {
    expect(isClockKey(key(' ', { target: target(true, 'BUTTON', true) }))).toBe(true);
    expect(isClockKey(key(' ', { target: target(true, 'BUTTON', false) }))).toBe(false);
  });
  it('ignores chords', () => {
    expect(isClockKey(key(' ', { ctrlKey: true }))).toBe(false);
    expect(isClockKey(key('.', { metaKey: true }))).toBe(false);
  });
});
