import { FsLayer, FsView, StaticSource, type Mount } from './filesystem';
import { commandsFor } from './commands/index';
import type { ProgramSpec } from './instance';
import type { World } from './runtime';

/** A world with no other hosts: only localhost answers (for unit tests of programs). */
export const EMPTY_WORLD: World = {
  resolves: (host) => host === 'localhost' || host === '127.0.0.1',
  address: () => '127.0.0.1',
  connect: () => false,
  http: () => undefined,
};

/** A program spec for tests: `argv` run in `image` with a fresh root file system. */
export function testSpec(argv: string[], opts: Partial<ProgramSpec> & { mounts?: Mount[] } = {}): ProgramSpec {
  const image = opts.image ?? 'busybox';
  return {
    argv,
    env: opts.env ?? new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', 'test-pod']]),
    image,
    declaredPorts: opts.declaredPorts ?? [],
    hostname: opts.hostname ?? 'test-pod',
    podIP: opts.podIP ?? '10.244.1.2',
    memoryLimit: opts.memoryLimit ?? 8 * 1024 ** 3,
    sharedPid: opts.sharedPid ?? false,
    initContainer: opts.initContainer ?? false,
    interactive: opts.interactive ?? false,
    fs: opts.fs ?? new FsView(new FsLayer(), opts.mounts ?? [], new StaticSource(() => new Map())),
    world: opts.world ?? EMPTY_WORLD,
    commands: opts.commands ?? commandsFor(image),
    mainRunning: opts.mainRunning,
    signalMain: opts.signalMain,
  };
}
