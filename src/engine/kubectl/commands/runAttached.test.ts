import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';
import { MY_NGINX, MY_NGINX_SVC } from '../../network/testing';

function cluster() {
  const tc = testCluster();
  const s = session(tc);
  tc.apply(MY_NGINX).apply(MY_NGINX_SVC).settle();
  return { tc, ...s };
}

describe('kubectl run attached (-i, -t, --rm)', () => {
  it("prints what the container printed and removes the pod with --rm, as the DNS debugging page shows", () => {
    const { tc, run } = cluster();
    const before = tc.cluster.now();
    expect(run('run -it --rm --restart=Never busybox --image=busybox:1.28 -- nslookup kubernetes.default')).toEqual({
      exitCode: 0,
      output: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\npod "busybox" deleted from default namespace\n',
    });
    // The terminal waited while the image was pulled and the container ran.
    expect(tc.cluster.now()).toBeGreaterThan(before);
    tc.settle();
    expect(tc.get('Pod', 'busybox')).toBeUndefined();
  });

  it('reaches a Service from inside the cluster and leaves the pod without --rm', () => {
    const { tc, run } = cluster();
    const r = run('run -i client --image=busybox --restart=Never -- wget -qO- http://my-nginx');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('<title>Welcome to nginx!</title>');
    expect(tc.get('Pod', 'client')!.status!.phase).toBe('Succeeded');
  });

  it("exits with the container's exit code and says how the pod ended", () => {
    const { run } = cluster();
    expect(run(`run -i --rm fail --image=busybox --restart=Never -- sh -c 'echo bye; exit 3'`)).toEqual({
      exitCode: 3,
      output: 'bye\npod "fail" deleted from default namespace\npod default/fail terminated (Error)\n',
    });
  });

  it('refuses an interactive shell, and flag combinations kubectl refuses, before creating anything', () => {
    const { tc, run } = cluster();
    expect(run('run -it debug --image=busybox -- sh').output).toMatch(/^error: interactive shells are not available in this simulator/);
    expect(run('run -it debug --image=busybox').exitCode).toBe(1);
    expect(run('run -t x --image=busybox -- echo hi')).toEqual({ exitCode: 1, output: 'error: -i/--stdin is required for containers with -t/--tty=true\n' });
    expect(run('run --rm x --image=busybox -- echo hi')).toEqual({ exitCode: 1, output: 'error: --rm should only be used for attached containers\n' });
    expect(tc.get('Pod', 'debug')).toBeUndefined();
    expect(tc.get('Pod', 'x')).toBeUndefined();
  });
});
