import { describe, expect, it } from 'vitest';
import { ProgramInstance, planProgram } from './instance';
import { testSpec } from './testing';
import { piDigits } from './commands/pi';
import { FsLayer, FsView, StaticSource } from './filesystem';

const sh = (script: string) => ['/bin/sh', '-c', script];
const logsOf = (inst: ProgramInstance, now: number) => inst.logs!.read(now).map((l) => l.text);

describe('the shell model', () => {
  it('runs echo, sleep and exit with their timing', () => {
    const plan = planProgram(testSpec(sh('echo hello; sleep 5; exit 3')), 1000);
    expect(plan.exit).toEqual({ at: 6000, code: 3, oom: false });
    const live = new ProgramInstance(testSpec(sh('echo hello; sleep 5; echo done')), 1000, 'live');
    live.advanceTo(3000);
    expect(logsOf(live, 3000)).toEqual(['hello']);
    live.advanceTo(6000);
    expect(logsOf(live, 6000)).toEqual(['hello', 'done']);
    expect(live.exit).toEqual({ at: 6000, code: 0, oom: false });
  });

  it('treats while true loops without a way out as running for ever', () => {
    expect(planProgram(testSpec(sh('while true; do echo hello; sleep 10; done')), 0).exit).toBeUndefined();
    const live = new ProgramInstance(testSpec(['/bin/sh', '-c', 'while true; do echo hello from cnt01; sleep 10;done']), 0, 'live');
    live.advanceTo(35_000);
    expect(logsOf(live, 35_000)).toEqual(['hello from cnt01', 'hello from cnt01', 'hello from cnt01', 'hello from cnt01']);
  });

  it('evaluates && || and exit codes of true/false', () => {
    expect(planProgram(testSpec(sh('false && echo no || exit 7')), 0).exit?.code).toBe(7);
    expect(planProgram(testSpec(sh('true && exit 4')), 0).exit?.code).toBe(4);
    expect(planProgram(testSpec(['false']), 0).exit?.code).toBe(1);
  });

  it('counts with variables, arithmetic and command substitution', () => {
    const live = new ProgramInstance(testSpec(['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']), 0, 'live');
    live.advanceTo(2000);
    expect(logsOf(live, 2000)).toEqual(['0: Thu Jan  1 00:00:00 UTC 2026', '1: Thu Jan  1 00:00:01 UTC 2026', '2: Thu Jan  1 00:00:02 UTC 2026']);
  });

  it('loops over for lists and supports bash arrays', () => {
    const live = new ProgramInstance(testSpec(['bash', '-c', 'items=(foo bar baz qux xyz)\necho ${items[$IDX]}\nfor i in 1 2 3; do echo n$i; done'], { env: new Map([['IDX', '2']]) }), 0, 'live');
    live.advanceTo(10);
    expect(logsOf(live, 10)).toEqual(['baz', 'n1', 'n2', 'n3']);
  });

  it('touches and removes files over time (the exec-liveness script)', () => {
    const spec = testSpec(sh('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'));
    const live = new ProgramInstance(spec, 0, 'live');
    live.advanceTo(29_000);
    expect(spec.fs.read('/tmp/healthy', 29_000)).toBe('');
    live.advanceTo(31_000);
    expect(spec.fs.read('/tmp/healthy', 31_000)).toBeUndefined();
    // A reader asking strictly before 30 s still sees the file.
    expect(spec.fs.read('/tmp/healthy', 30_000, true)).toBe('');
    expect(planProgram(spec, 0).exit).toEqual({ at: 630_000, code: 0, oom: false });
  });

  it('prints the environment with printenv and env', () => {
    const live = new ProgramInstance(testSpec(['printenv', 'HOSTNAME', 'KUBERNETES_PORT'], { env: new Map([['HOSTNAME', 'command-demo'], ['KUBERNETES_PORT', 'tcp://10.96.0.1:443']]) }), 0, 'live');
    live.advanceTo(0);
    expect(logsOf(live, 0)).toEqual(['command-demo', 'tcp://10.96.0.1:443']);
    expect(live.exit?.code).toBe(0);
  });

  it('ignores TERM as PID 1 without a trap, and runs the trap when there is one', () => {
    const noTrap = planProgram(testSpec(sh('sleep 3600')), 0, 5000);
    expect(noTrap.exit).toEqual({ at: 3_600_000, code: 0, oom: false });
    const trapWait = planProgram(testSpec(['bash', '-c', "trap 'exit 0' TERM; sleep 9999 & wait"]), 0, 5000);
    expect(trapWait.exit).toEqual({ at: 5000, code: 0, oom: false });
    const trapExit = planProgram(testSpec(sh("trap 'exit' TERM; sleep 9999 & wait")), 0, 5000);
    expect(trapExit.exit?.code).toBe(143);
    // A foreground sleep delays the trap until it returns.
    const trapAfterSleep = planProgram(testSpec(sh("trap 'echo bye; exit 0' TERM; while true; do sleep 10; done")), 0, 5000);
    expect(trapAfterSleep.exit).toEqual({ at: 10_000, code: 0, oom: false });
  });

  it('dies on TERM when not PID 1 (shared process namespace)', () => {
    expect(planProgram(testSpec(sh('sleep 3600'), { sharedPid: true }), 0, 5000).exit).toEqual({ at: 5000, code: 143, oom: false });
  });

  it('stops nginx gracefully on its stop signal', () => {
    const image = new StaticSource(() => new Map([['/usr/share/nginx/html/index.html', '<h1>Welcome to nginx!</h1>']]));
    const fs = new FsView(new FsLayer(), [], image);
    const spec = testSpec(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], { image: 'nginx:1.27', fs, env: new Map([['NGINX_VERSION', '1.27.3']]) });
    expect(planProgram(spec, 0).exit).toBeUndefined();
    expect(planProgram(spec, 0, 10_000).exit).toEqual({ at: 10_060, code: 0, oom: false });
    const live = new ProgramInstance(spec, 0, 'live');
    live.advanceTo(100);
    expect(logsOf(live, 100)[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(live.listener(80, 100)?.name).toBe('nginx');
    expect(live.listener(80, 100)?.http?.('/', 100).status).toBe(200);
    expect(live.listener(80, 100)?.http?.('/_status/healthz', 100).status).toBe(404);
  });

  it('OOM-kills stress above the memory limit and lets it run below', () => {
    const over = planProgram(testSpec(['stress', '--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], { image: 'polinux/stress', memoryLimit: 100 * 1024 * 1024 }), 0);
    expect(over.exit?.oom).toBe(true);
    expect(over.exit?.code).toBe(137);
    expect(over.exit!.at).toBeLessThan(1000);
    const under = planProgram(testSpec(['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], { image: 'polinux/stress', memoryLimit: 200 * 1024 * 1024 }), 0);
    expect(under.exit).toBeUndefined();
  });

  it('computes pi for the Job example and takes a while doing it', () => {
    expect(piDigits(20)).toBe('3.1415926535897932385');
    const spec = testSpec(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], { image: 'perl:5.34.0' });
    const plan = planProgram(spec, 0);
    expect(plan.exit?.code).toBe(0);
    expect(plan.exit!.at).toBeGreaterThan(5000);
    const live = new ProgramInstance(spec, 0, 'live');
    live.advanceTo(plan.exit!.at);
    const out = logsOf(live, plan.exit!.at);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(out[0]).toHaveLength(2001);
    // The Feynman point: six 9s from the 762nd decimal place.
    expect(out[0].slice(763, 769)).toBe('999999');
  });

  it('runs the docs Python one-liners', () => {
    const script = 'import os, sys\nprint("Hello world")\nif int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:\n  sys.exit(1)\n';
    expect(planProgram(testSpec(['python3', '-c', script], { image: 'python', env: new Map([['JOB_COMPLETION_INDEX', '2']]) }), 0).exit?.code).toBe(1);
    expect(planProgram(testSpec(['python3', '-c', script], { image: 'python', env: new Map([['JOB_COMPLETION_INDEX', '3']]) }), 0).exit?.code).toBe(0);
    const crash = new ProgramInstance(testSpec(['python3', '-c', script], { image: 'python', env: new Map() }), 0, 'live');
    crash.advanceTo(0);
    expect(crash.exit?.code).toBe(1);
    expect(logsOf(crash, 0)).toContain("TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
  });

  it('shares files through volumes between programs (indexed job)', () => {
    const volume = new FsLayer();
    const mk = () => new FsView(new FsLayer(), [{ path: '/input', source: volume, layer: volume, readOnly: false }], new StaticSource(() => new Map()));
    const init = new ProgramInstance(testSpec(['bash', '-c', 'items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt'], { image: 'bash', fs: mk(), env: new Map([['JOB_COMPLETION_INDEX', '0']]) }), 0, 'live');
    init.advanceTo(0);
    expect(init.exit?.code).toBe(0);
    const worker = new ProgramInstance(testSpec(['rev', '/input/data.txt'], { fs: mk() }), 100, 'live');
    worker.advanceTo(100);
    expect(logsOf(worker, 100)).toEqual(['oof']);
  });

  it('reports missing files as busybox or GNU userland does', () => {
    const bb = new ProgramInstance(testSpec(['cat', '/tmp/healthy'], { image: 'registry.k8s.io/busybox' }), 0, 'live');
    bb.advanceTo(0);
    expect(logsOf(bb, 0)).toEqual(["cat: can't open '/tmp/healthy': No such file or directory"]);
    const gnu = new ProgramInstance(testSpec(['cat', '/tmp/healthy'], { image: 'nginx' }), 0, 'live');
    gnu.advanceTo(0);
    expect(logsOf(gnu, 0)).toEqual(['cat: /tmp/healthy: No such file or directory']);
    expect(gnu.exit?.code).toBe(1);
  });

  it('runs a bare busybox shell to completion at once (no terminal)', () => {
    expect(planProgram(testSpec(['sh']), 0).exit).toEqual({ at: 0, code: 0, oom: false });
    expect(planProgram(testSpec(['sh'], { interactive: true }), 0).exit).toBeUndefined();
  });

  it('serves /healthz 200 for 10 seconds then 500 (registry.k8s.io/liveness)', () => {
    const live = new ProgramInstance(testSpec(['/server'], { image: 'registry.k8s.io/liveness' }), 0, 'live');
    live.advanceTo(5000);
    const l = live.listener(8080, 5000)!;
    expect(l.http!('/healthz', 5000).status).toBe(200);
    expect(l.http!('/healthz', 11_000).status).toBe(500);
  });

  it('fails mysql without a root password option', () => {
    const spec = testSpec(['docker-entrypoint.sh', 'mysqld'], { image: 'mysql:8.0', env: new Map() });
    expect(planProgram(spec, 0).exit?.code).toBe(1);
    expect(planProgram({ ...spec, env: new Map([['MYSQL_ROOT_PASSWORD', 'x']]) }, 0).exit).toBeUndefined();
  });
});
