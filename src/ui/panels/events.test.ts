import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../engine/events/recorder';
import { eventMatches, eventObject, FilteredEvents } from './events';

const ev = (reason: string, kind: string, name: string, over: Partial<EventRecord> = {}): EventRecord => ({
  time: 0, type: 'Normal', reason, message: `${reason} happened`, involvedObject: { kind, name, namespace: 'default', uid: `${kind}-${name}` }, source: { component: 'test' }, count: 1, eventName: '', ...over,
});

describe('event filtering', () => {
  const web = ev('Scheduled', 'Pod', 'web-1');
  const warn = ev('BackOff', 'Pod', 'web-2', { type: 'Warning', message: 'Back-off restarting failed container' });
  const deploy = ev('ScalingReplicaSet', 'Deployment', 'web');

  it('names the object as kubectl does', () => expect(eventObject(deploy)).toBe('deployment/web'));

  it('keeps only the selected object, by uid', () => {
    expect(eventMatches(web, { object: { uid: 'Pod-web-1', kind: 'Pod', name: 'web-1', namespace: 'default' } })).toBe(true);
    expect(eventMatches(warn, { object: { uid: 'Pod-web-1', kind: 'Pod', name: 'web-1', namespace: 'default' } })).toBe(false);
  });

  it('falls back to kind/namespace/name without a uid', () => {
    expect(eventMatches(deploy, { object: { kind: 'Deployment', name: 'web', namespace: 'default' } })).toBe(true);
    expect(eventMatches(deploy, { object: { kind: 'Deployment', name: 'web', namespace: 'prod' } })).toBe(false);
  });

  it('filters by text (any column, any case) and by type', () => {
    expect(eventMatches(warn, { text: 'back-OFF' })).toBe(true);
    expect(eventMatches(warn, { text: 'pod/web-2' })).toBe(true);
    expect(eventMatches(web, { text: 'backoff' })).toBe(false);
    expect(eventMatches(web, { warningsOnly: true })).toBe(false);
    expect(eventMatches(warn, { warningsOnly: true })).toBe(true);
  });

  it('follows a growing log incrementally, and 60,000 events quickly', () => {
    const log: EventRecord[] = [web, warn];
    const f = new FilteredEvents({ warningsOnly: true });
    expect(f.sync(log)).toEqual([1]);
    const v = f.version;
    expect(f.sync(log)).toEqual([1]);
    expect(f.version).toBe(v);
    for (let i = 0; i < 60_000; i++) log.push(i % 10 === 0 ? warn : web);
    const t0 = performance.now();
    expect(f.sync(log)).toHaveLength(6_001);
    expect(f.version).toBe(v + 1);
    f.sync(log);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('starts over when the log is trimmed', () => {
    const log: EventRecord[] = [warn, web, warn];
    const f = new FilteredEvents({ warningsOnly: true });
    expect(f.sync(log)).toEqual([0, 2]);
    log.splice(0, 2);
    log.push(warn);
    expect(f.sync(log)).toEqual([0, 1]);
  });
});
