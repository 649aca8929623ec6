import { describe, it, expect } from 'vitest';
import { testCluster } from '../testing/testCluster';
import { tokenize } from './parse/tokenize';
import { parseFlags, flag } from './parse/flags';
import { session } from './testing';

describe('tokenize', () => {
  it('splits words as a shell does, keeping quoted text and escapes', () => {
    expect(tokenize(`exec p -- sh -c "echo \\"hi\\" | wc" 'a b' c\\ d`)).toEqual([
      ...['exec', 'p', '--', 'sh', '-c', 'echo "hi" | wc', 'a b', 'c d'].map((text) => ({ kind: 'word', text })),
    ]);
    expect(tokenize('get pods | grep web')).toEqual([
      { kind: 'word', text: 'get' },
      { kind: 'word', text: 'pods' },
      { kind: 'pipe' },
      { kind: 'word', text: 'grep' },
      { kind: 'word', text: 'web' },
    ]);
  });
});

describe('parseFlags (pflag)', () => {
  const specs = [flag('output', 'string', { short: 'o' }), flag('all', 'bool', { short: 'A' }), flag('replicas', 'int'), flag('env', 'stringArray'), flag('tty', 'bool', { short: 't' }), flag('stdin', 'bool', { short: 'i' })];
  it('reads --name=value, --name value, -n value, -nvalue, grouped booleans and --', () => {
    const p = parseFlags(['x', '--output=yaml', '-n', 'dev', '--replicas', '3', '-it', '--env', 'A=1', '--env=B=2', '-A', '--', 'sh', '-c'], specs, 'test');
    expect(p.args).toEqual(['x', 'sh', '-c']);
    expect(p.argsLenAtDash).toBe(1);
    expect(Object.fromEntries(p.flags)).toMatchObject({ output: 'yaml', namespace: 'dev', replicas: 3, tty: true, stdin: true, env: ['A=1', 'B=2'], all: true });
    expect(Object.fromEntries(parseFlags(['-oname', '--all=false'], specs, 'test').flags)).toMatchObject({ output: 'name', all: false });
  });
});

describe('runCommand', () => {
  const { run } = session(testCluster());

  it('accepts an optional "kubectl" prefix, suggests a command for a typo and names kubectl commands it does not simulate', () => {
    expect(run('kubectl version --client')).toEqual({ exitCode: 0, output: 'Client Version: v1.36.0\n' });
    expect(run('explain pods')).toEqual({ exitCode: 1, output: 'error: "kubectl explain" is not simulated in Podscape: field documentation is in the editor: hover a field, or press Ctrl+Space for completion\n' });
    expect(run('gett pods')).toEqual({ exitCode: 1, output: 'Error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\n' });
    expect(run('rollout foo')).toEqual({ exitCode: 1, output: "error: unknown command \"foo\"\nSee 'kubectl rollout -h' for help and examples\n" });
  });

  it('prints help for a command group without a subcommand', () => {
    const r = run('rollout');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^Manage the rollout of a resource\n\nAvailable Commands:\n {2}history /);
  });

  it('pipes standard output through local grep, head, tail and wc', () => {
    expect(run('get nodes -o name | grep worker | wc -l')).toEqual({ exitCode: 0, output: '3\n' });
    expect(run('get nodes -o name | tail -n 1')).toEqual({ exitCode: 0, output: 'node/worker-3\n' });
    expect(run('get nodes | nosuch')).toEqual({ exitCode: 127, output: 'nosuch: command not found\n' });
  });

  it('remembers the namespace set with config set-context', () => {
    const s = session(testCluster());
    s.ok('create namespace dev');
    expect(s.ok('config set-context --current --namespace=dev')).toBe('Context "podscape" modified.\n');
    expect(s.ok('run p --image=nginx')).toBe('pod/p created\n');
    expect(s.ok('get pods -n dev -o name')).toBe('pod/p\n');
    expect(s.ok('config get-contexts')).toBe('CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         podscape   podscape   podscape   dev\n');
  });

  it('lists api-resources from discovery', () => {
    expect(run('api-resources --api-group=apps').output).toBe(
      'NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND\n' +
        'controllerrevisions                apps/v1      true         ControllerRevision\n' +
        'daemonsets            ds           apps/v1      true         DaemonSet\n' +
        'deployments           deploy       apps/v1      true         Deployment\n' +
        'replicasets           rs           apps/v1      true         ReplicaSet\n' +
        'statefulsets          sts          apps/v1      true         StatefulSet\n',
    );
  });
});
