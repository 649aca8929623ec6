import { describe, expect, it } from 'vitest';
import { parseEnum } from './gen-schemas';

describe('gen-schemas', () => {
  it('turns an upstream "Possible enum values" list into enum values', () => {
    const description =
      'Restart policy for all containers within the pod.\n\nPossible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"` restarts failed containers';
    expect(parseEnum(description)).toEqual(['Always', 'Never', 'OnFailure']);
  });

  it('finds no enum where the description has no list', () => {
    expect(parseEnum('One of Always, OnFailure, Never.')).toBeUndefined();
    expect(parseEnum(undefined)).toBeUndefined();
  });
});
