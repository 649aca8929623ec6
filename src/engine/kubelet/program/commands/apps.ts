import type { CommandContext, CommandFn } from '../shell/interpreter';
import type { Program } from '../runtime';
import { genericProcess, livenessServer, serve } from './servers';
import { piDigits } from './pi';
import { runPython } from './python';
import { parseBytes, parseSleep, strftime } from './util';

const MI = 1024 * 1024;
/** How fast stress touches the memory it allocates. */
const ALLOC_BYTES_PER_MS = 1024 * 1024;

function* perl(c: CommandContext): Program {
  const args = c.argv.slice(1);
  let script: string | undefined;
  let lineMode = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[a-zA-Z]*e$/.test(a) || a === '-E') {
      lineMode = lineMode || a.includes('l');
      script = args[i + 1];
      break;
    }
    if (/^-[a-zA-Z]+$/.test(a) && a.includes('l')) lineMode = true;
  }
  if (script === undefined) return args.length && !args[0].startsWith('-') ? yield* genericProcess(c) : 0;
  const bpi = /bpi\((\d+)\)/.exec(script);
  if (bpi) {
    // Math::BigFloat works the digits out for a while, busy on one CPU.
    const n = Number(bpi[1]);
    c.proc.traits.cpuMilli = 1000;
    c.proc.useMemory(22 * MI);
    yield { kind: 'sleep', ms: Math.round(1500 + 1.6 * (n / 1000) ** 2 * 1000) };
    c.proc.traits.cpuMilli = 0;
    c.io.write(1, `${piDigits(n)}${lineMode ? '\n' : ''}`);
    return 0;
  }
  for (const m of script.matchAll(/print\s*\(?\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/g)) {
    const text = (m[1] ?? m[2] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    c.io.write(1, `${text}${lineMode ? '\n' : ''}`);
  }
  const exit = /exit\s*\(?\s*(\d+)/.exec(script);
  return exit ? Number(exit[1]) : 0;
}

function* python(c: CommandContext): Program {
  const args = c.argv.slice(1).filter((a) => a !== '-u');
  if (args[0] === '-c') return yield* runPython(c, args[1] ?? '');
  if (args[0] === '-m' && args[1] === 'http.server') {
    const port = Number(args.slice(2).find((a) => /^\d+$/.test(a)) ?? 8000);
    return yield* serve(c, {
      name: 'python',
      ports: [port],
      startLogs: [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`],
      stopCode: 143,
      memory: 14 * MI,
      cpu: 0,
      http: (cc) => (path, t) => {
        const body = cc.proc.fs.read(path === '/' ? '/index.html' : path, t);
        return body === undefined ? { status: 404, body: 'File not found' } : { status: 200, body };
      },
    });
  }
  if (args[0] === '--version' || args[0] === '-V') {
    c.io.write(1, 'Python 3.13.1\n');
    return 0;
  }
  if (args.length === 0) {
    if (c.io.stdin) return yield* runPython(c, c.io.stdin);
    if (c.proc.interactive) yield { kind: 'forever' };
    return 0;
  }
  return yield* genericProcess(c);
}

/** polinux/stress: CPU, I/O and memory hogs (the docs' memory and CPU examples). */
function* stress(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const opt = (long: string, short: string) => {
    const i = args.findIndex((a) => a === long || a === short);
    return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${long}=`))?.split('=')[1];
  };
  const cpu = Number(opt('--cpu', '-c') ?? 0);
  const io = Number(opt('--io', '-i') ?? 0);
  const vm = Number(opt('--vm', '-m') ?? 0);
  const vmBytes = parseBytes(opt('--vm-bytes', '--vm-bytes') ?? '256M');
  const hang = opt('--vm-hang', '--vm-hang');
  const timeout = opt('--timeout', '-t');
  if (!cpu && !io && !vm && !opt('--hdd', '-d')) {
    c.io.write(1, '`stress\' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n');
    return 1;
  }
  c.io.write(1, `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, 0 hdd\n`);
  const start = c.proc.time;
  // Each vm worker spins on its memory unless --vm-hang makes it sleep between passes.
  c.proc.traits.cpuMilli = cpu * 1000 + io * 20 + vm * (hang !== undefined && Number(hang) > 0 ? 100 : 1000);
  if (vm > 0) {
    const total = vm * vmBytes;
    yield { kind: 'sleep', ms: Math.max(1, Math.round(total / ALLOC_BYTES_PER_MS / 4)) };
    c.proc.useMemory(total);
  }
  const limit = timeout ? parseSleep(timeout) : undefined;
  if (limit === undefined || limit === Infinity) yield { kind: 'forever' };
  else {
    const left = start + limit - c.proc.time;
    if (left > 0) yield { kind: 'sleep', ms: left };
  }
  c.proc.traits.cpuMilli = 0;
  c.proc.useMemory(0);
  c.io.write(1, `stress: info: [1] successful run completed in ${Math.round((c.proc.time - start) / 1000)}s\n`);
  return 0;
}

/** vish/stress (the docs' CPU example): `-cpus N` keeps N CPUs busy. */
function* vishStress(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const flag = (name: string) => {
    const i = args.findIndex((a) => a === `-${name}` || a === `--${name}`);
    return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`))?.split('=')[1];
  };
  const cpus = Number(flag('cpus') ?? 1);
  const memTotal = parseBytes((flag('mem-total') ?? '0').replace(/i$/, ''));
  const klog = (msg: string) => `I${strftime('%m%d %H:%M:%S', c.proc.time)}.000000       1 main.go:26] ${msg}\n`;
  c.io.write(2, klog(`Allocated "${memTotal}" memory`));
  c.proc.traits.cpuMilli = cpus * 1000;
  if (memTotal) c.proc.useMemory(memTotal);
  const r = yield { kind: 'forever', interruptible: c.pid1 };
  return r?.interrupted ? 2 : 0;
}

/** agnhost, the Kubernetes e2e test image: the subcommands the docs use. */
function* agnhost(c: CommandContext): Program {
  const [sub, ...rest] = c.argv.slice(1);
  const flag = (name: string, def: string) => rest.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (rest.includes(`--${name}`) ? rest[rest.indexOf(`--${name}`) + 1] : def);
  switch (sub) {
    case undefined:
      c.io.write(1, 'Usage:\n  agnhost [command]\n');
      return 0;
    case 'liveness':
      return yield* livenessServer(c, 8080);
    case 'pause': {
      c.io.write(1, 'Paused\n');
      const r = yield { kind: 'forever', interruptible: c.pid1 };
      if (r?.interrupted) c.io.write(1, 'Shutting down after receiving signal: terminated.\n');
      return 0;
    }
    case 'netexec': {
      const port = Number(flag('http-port', '8080'));
      const started = c.proc.time;
      return yield* serve(c, {
        name: 'agnhost',
        ports: [port, Number(flag('udp-port', '8081'))],
        startLogs: [`${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} Started HTTP server on port ${port}`, `${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} Started UDP server on port  ${flag('udp-port', '8081')}`],
        stopCode: 2,
        memory: 6 * MI,
        cpu: 0,
        http: (cc) => (path, t) => {
          const [p, q = ''] = path.split('?');
          if (p === '/hostname') return { status: 200, body: cc.proc.hostname };
          if (p === '/echo') return { status: 200, body: decodeURIComponent(/(?:^|&)msg=([^&]*)/.exec(q)?.[1] ?? '') };
          if (p === '/healthz') return { status: 200, body: 'ok' };
          if (p === '/clientip') return { status: 200, body: `${cc.proc.podIP}:40000` };
          if (p === '/exit') return { status: 200, body: '' };
          if (p === '/' || p === '') return { status: 200, body: `NOW: ${strftime('%Y-%m-%d %H:%M:%S.000000000 +0000 UTC', t)} m=+${((t - started) / 1000).toFixed(9)}` };
          return { status: 404, body: '404 page not found\n' };
        },
      });
    }
    case 'serve-hostname': {
      const port = Number(flag('port', '9376'));
      return yield* serve(c, {
        name: 'agnhost',
        ports: [port],
        startLogs: [`${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} Serving on port ${port}.`],
        stopCode: 2,
        memory: 3 * MI,
        cpu: 0,
        http: (cc) => () => ({ status: 200, body: cc.proc.hostname }),
      });
    }
    case 'test-webserver':
      return yield* serve(c, { name: 'agnhost', ports: [Number(flag('port', '80'))], stopCode: 2, memory: 3 * MI, cpu: 0, http: () => () => ({ status: 200, body: 'ok' }) });
    case 'porter': {
      const ports = [...c.sh.environment().keys()].filter((k) => k.startsWith('SERVE_PORT_')).map((k) => Number(k.slice(11)));
      return yield* serve(c, { name: 'agnhost', ports, stopCode: 2, memory: 3 * MI, cpu: 0, http: (cc) => (_p, _t) => ({ status: 200, body: cc.sh.environment().get(`SERVE_PORT_${ports[0]}`) ?? '' }) });
    }
    case 'fake-gitserver':
      return yield* serve(c, { name: 'agnhost', ports: [8000], stopCode: 2, memory: 3 * MI, cpu: 0 });
    default:
      return yield* genericProcess(c);
  }
}

export const APP_COMMANDS: Record<string, CommandFn> = {
  perl,
  python,
  python3,
  stress,
  agnhost,
};

function* python3(c: CommandContext): Program {
  return yield* python(c);
}

/** Commands chosen by path because several images name them alike. */
export function byPath(argv0: string, image: string): CommandFn | undefined {
  if (argv0 === '/stress' || (argv0 === 'stress' && /vish\/stress/.test(image))) return vishStress;
  if (/^perl[\d.]*$/.test(argv0.split('/').pop()!)) return perl;
  if (/^python[\d.]*$/.test(argv0.split('/').pop()!)) return python;
  return undefined;
}
