import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster';
import { applyManifests } from '../../engine/manifests/apply';
import { runCommand } from '../../engine/kubectl/run';
import { STARTERS } from './starters';

function kubectl(c: Cluster, line: string): string {
  return runCommand({ cluster: c, readFile: () => undefined }, line).output;
}

describe('starters', () => {
  it.each(STARTERS.map((s) => [s.id, s] as const))('%s applies cleanly and runs on the default cluster', (_id, starter) => {
    const c = new Cluster({ seed: 1, workers: 3 });
    const r = applyManifests(c.api, [{ name: 'editor.yaml', text: starter.text }]);
    expect(r.problems).toEqual([]);
    expect(r.exitCode).toBe(0);
    c.runUntilQuiet(10 * 60 * 1000);
    const pods = c.api.list('Pod', 'default') as { status?: { phase?: string }; spec?: { nodeName?: string } }[];
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) {
      expect(p.spec?.nodeName ?? '').toMatch(/^worker-/);
      expect(['Running', 'Succeeded']).toContain(p.status?.phase);
    }
    expect(kubectl(c, 'get events -A')).not.toMatch(/Warning/);
  });

  it('names every starter differently', () => {
    expect(new Set(STARTERS.map((s) => s.id)).size).toBe(STARTERS.length);
  });
});
