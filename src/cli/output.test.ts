import { describe, it, expect } from 'vitest';
import { runSimulation } from '../engine/simulation';
import { clientPod, web } from '../engine/network/testing';
import { jsonOutput } from './output';

describe('the CLI JSON with traffic (contracts §1)', () => {
  const files = [
    {
      name: 'app.yaml',
      text: `${web('web', 3, 'type: NodePort\nports: [{port: 80, nodePort: 30080}]')}---\n${clientPod()}`,
    },
  ];

  it('adds one entry per client: url, from, sent, responses and byPod', () => {
    const r = runSimulation({ files, until: 60_000, at: [{ at: 20_000, command: 'traffic http://worker-2:30080/ 10' }, { at: 20_000, command: 'traffic --from client http://nope 2' }] });
    const doc = JSON.parse(jsonOutput(r));
    expect(Object.keys(doc)).toEqual(['time', 'items', 'events', 'commands', 'traffic']);
    const [outside, inside] = doc.traffic;
    expect(Object.keys(outside)).toEqual(['url', 'from', 'sent', 'responses', 'byPod']);
    expect(outside).toMatchObject({ url: 'http://worker-2:30080/', from: null, sent: 400, responses: { 200: 400 } });
    expect(Object.keys(outside.byPod)).toHaveLength(3);
    expect(Object.values(outside.byPod).reduce((a: number, b) => a + (b as number), 0)).toBe(400);
    expect(inside).toEqual({ url: 'http://nope', from: 'default/client', sent: 80, responses: { NXDOMAIN: 80 }, byPod: {} });
    expect(jsonOutput(runSimulation({ files, until: 60_000, at: [{ at: 20_000, command: 'traffic http://worker-2:30080/ 10' }, { at: 20_000, command: 'traffic --from client http://nope 2' }] }))).toBe(jsonOutput(r));
  });

  it('has no traffic key when no client ran', () => {
    const doc = JSON.parse(jsonOutput(runSimulation({ files, until: 5_000 })));
    expect(doc.traffic).toBeUndefined();
  });
});
