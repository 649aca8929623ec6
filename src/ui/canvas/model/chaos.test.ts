import { describe, expect, it } from 'vitest';
import { killPodCommand, nodeDownCommand, nodeUpCommand } from './chaos';
import { REVISION_COLORS, revisionColor } from './revision';

describe('chaos commands', () => {
  it('are the console commands of the command language', () => {
    expect(nodeDownCommand('worker-1')).toBe('chaos node-down worker-1');
    expect(nodeUpCommand('worker-1')).toBe('chaos node-up worker-1');
    expect(killPodCommand('web-1')).toBe('chaos kill web-1');
    expect(killPodCommand('db-0', 'prod')).toBe('chaos kill db-0 -n prod');
  });
});

describe('revisionColor', () => {
  it('gives consecutive revisions different colours and wraps around', () => {
    expect(revisionColor(1)).not.toBe(revisionColor(2));
    expect(revisionColor(1)).toBe(revisionColor(1 + REVISION_COLORS.length));
    expect(revisionColor(undefined)).toBeUndefined();
    expect(revisionColor(0)).toBeUndefined();
  });
});
