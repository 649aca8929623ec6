import { describe, expect, it } from 'vitest';
import { completeLine, type CommandSpec, type ConsoleVocabulary } from './consoleCompletion';
import { RESOURCE_TYPES } from './consoleVocabulary';

const cmd = (name: string, subcommands: CommandSpec[] = [], flags: string[] = []): CommandSpec => ({ name, aliases: [], subcommands, flags });

const objects: Record<string, { ns?: string; name: string }[]> = {
  Deployment: [{ ns: 'default', name: 'web' }, { ns: 'default', name: 'worker' }, { ns: 'kube-system', name: 'coredns' }],
  Pod: [{ ns: 'default', name: 'web-7d4b9c-abcde' }, { ns: 'default', name: 'web-7d4b9c-fghij' }, { ns: 'kube-system', name: 'coredns-1' }],
  Node: [{ name: 'control-plane' }, { name: 'worker-1' }, { name: 'worker-2' }],
  Service: [{ ns: 'default', name: 'web' }],
};

const vocab: ConsoleVocabulary = {
  commands: [
    cmd('get', [], ['--output', '-o', '--show-labels']),
    cmd('describe'),
    cmd('scale', [], ['--replicas']),
    cmd('logs'),
    cmd('rollout', [cmd('status'), cmd('history'), cmd('undo'), cmd('restart')]),
    cmd('set', [cmd('image')]),
    cmd('chaos', [cmd('node-down'), cmd('node-up'), cmd('kill')]),
    cmd('cordon'),
  ],
  types: RESOURCE_TYPES,
  namespaces: ['default', 'kube-system', 'kube-public'],
  names: (kind, ns) => (objects[kind] ?? []).filter((o) => ns === undefined || o.ns === ns).map((o) => o.name),
};

const complete = (line: string, cursor = line.length) => completeLine(line, cursor, vocab);
const apply = (line: string) => {
  const c = complete(line);
  return c ? line.slice(0, c.from) + c.insert + line.slice(c.to) : line;
};

describe('console completion', () => {
  it('completes command words, with or without kubectl', () => {
    expect(apply('ge')).toBe('get ');
    expect(apply('kubectl desc')).toBe('kubectl describe ');
    expect(complete('c')!.candidates).toEqual(['chaos', 'clear', 'cordon']);
    expect(complete('kubectl c')!.candidates).toEqual(['chaos', 'cordon']);
  });

  it('completes subcommands', () => {
    expect(apply('rollout st')).toBe('rollout status ');
    expect(complete('chaos node-')!.candidates).toEqual(['node-down', 'node-up']);
    expect(apply('chaos node-')).toBe('chaos node-');
  });

  it('completes resource types, then the names of live objects in the namespace', () => {
    expect(apply('get deploy')).toBe('get deploy');
    expect(complete('get deploy')!.candidates).toEqual(['deploy', 'deployment', 'deployments']);
    expect(apply('get svc w')).toBe('get svc web ');
    expect(complete('get deploy w')!.candidates).toEqual(['web', 'worker']);
    expect(complete('get deploy c')).toBeUndefined();
    expect(apply('get deploy -n kube-system c')).toBe('get deploy -n kube-system coredns ');
    expect(apply('describe deploy -A c')).toBe('describe deploy -A coredns ');
  });

  it('completes TYPE/NAME and keeps the type as typed', () => {
    expect(apply('scale deploy/we')).toBe('scale deploy/web ');
    expect(complete('rollout status deployment/')!.candidates).toEqual(['deployment/web', 'deployment/worker']);
    // rollout and set image only act on workloads.
    expect(complete('rollout restart svc/')).toBeUndefined();
    expect(complete('set image s')!.candidates).toEqual(['statefulset', 'statefulsets', 'sts']);
  });

  it('completes pods for logs and chaos kill, nodes for cordon and node-down', () => {
    expect(complete('logs web-')!.candidates).toEqual(['web-7d4b9c-abcde', 'web-7d4b9c-fghij']);
    expect(apply('logs web-7d4b9c-a')).toBe('logs web-7d4b9c-abcde ');
    expect(apply('chaos kill web-7d4b9c-f')).toBe('chaos kill web-7d4b9c-fghij ');
    expect(apply('cordon worker-2')).toBe('cordon worker-2 ');
    expect(complete('chaos node-down w')!.candidates).toEqual(['worker-1', 'worker-2']);
  });

  it('completes flags, namespaces and output formats', () => {
    expect(apply('get pods --show')).toBe('get pods --show-labels ');
    expect(apply('get pods -n kube-s')).toBe('get pods -n kube-system ');
    expect(apply('get pods -o ya')).toBe('get pods -o yaml ');
    expect(apply('get pods -o json')).toBe('get pods -o json');
  });

  it('completes the word under the cursor, not the end of the line', () => {
    const c = complete('get deploy web -o wide', 5)!;
    expect(c).toMatchObject({ from: 4, to: 10 });
    expect(c.candidates).toContain('deployments');
  });

  it('offers nothing inside a pipe or for unknown commands', () => {
    expect(complete('get pods | gr')).toBeUndefined();
    expect(complete('frobnicate x')).toBeUndefined();
  });
});
