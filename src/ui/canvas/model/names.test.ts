import { describe, expect, it } from 'vitest';
import { shortPodName } from './names';

describe('shortPodName', () => {
  it.each([
    ['web-1', 'web-1'],
    ['db-0', 'db-0'],
    ['web-766486c5b6-wkv9w', 'web-…-wkv9w'],
    ['frontend-api-5d8f7c9b4d-x2x9q', 'frontend-a…-x2x9q'],
    ['nightly-backup-29400000-abcde', 'nightly-ba…-abcde'],
    ['a-very-long-standalone-pod', 'a-very-l…lone-pod'],
  ])('%s → %s', (name, short) => expect(shortPodName(name)).toBe(short));
});
