import { describe, expect, it } from 'vitest';
import { isClearCommand, visibleEntries } from './consoleView';

const entry = (command: string) => ({ time: 0, command, output: '', exitCode: 0 });

describe('console view', () => {
  it('shows only what came after the last clear', () => {
    const a = entry('get pods');
    const b = entry('get nodes');
    const c = entry('get svc');
    expect(visibleEntries([a, b, c], undefined)).toEqual([a, b, c]);
    expect(visibleEntries([a, b, c], b)).toEqual([c]);
    expect(visibleEntries([a, b], b)).toEqual([]);
    // The marker fell off the capped history: everything left is newer.
    expect(visibleEntries([c], a)).toEqual([c]);
  });

  it('recognises clear as the console’s own command', () => {
    expect(isClearCommand(' clear ')).toBe(true);
    expect(isClearCommand('kubectl clear')).toBe(false);
    expect(isClearCommand('clear pods')).toBe(false);
  });
});
