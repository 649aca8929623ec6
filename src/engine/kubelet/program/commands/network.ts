import type { CommandContext, CommandFn } from '../shell/interpreter';
import type { Program, World, WorldLookup, WorldResponse } from '../runtime';
import { normalizePath } from '../filesystem';
import { curl, nslookup, ping as pingOnce, wget, type ToolEnv, type ToolResult } from '../../../network/clientTools';
import { parseUrl } from '../../../network/url';
import { genericProcess } from './servers';

/** The world's full answers, or what a world without the cluster network (tests) can say. */
function request(w: World, url: string, t: number, hostHeader?: string): WorldResponse {
  if (w.request) return w.request(url, t, hostHeader);
  const u = parseUrl(url);
  if (!u) return { error: 'bad-url', latencyMs: 0 };
  if (!w.resolves(u.host, t)) return { error: 'resolve', latencyMs: 0 };
  const r = w.http(u.host, u.port, u.path, t);
  return r ? { status: r.status, body: r.body, address: w.address(u.host, t), latencyMs: 1 } : { error: 'refused', address: w.address(u.host, t), latencyMs: 0 };
}

function lookup(w: World, name: string, t: number): WorldLookup {
  if (w.lookup) return w.lookup(name, t);
  const ok = w.resolves(name, t);
  return { server: '10.96.0.10', timeout: false, name: ok ? name : undefined, cnames: [], addresses: ok ? [w.address(name, t)] : [] };
}

function toolEnv(c: CommandContext): ToolEnv {
  const p = c.proc;
  const t = p.time;
  return {
    image: p.image,
    request: (url, hostHeader) => request(p.world, url, t, hostHeader),
    lookup: (name) => lookup(p.world, name, t),
    ping: (address) => p.world.ping?.(address, t),
    writeFile: (path, body) => p.fs.write(normalizePath(path, c.sh.cwd), p.time, body),
    tty: p.interactive,
  };
}

/**
 * A network tool run in simulated time: it asks the world at its start, takes as long as the
 * request does (a timeout takes the whole timeout), then prints what the real tool prints.
 */
function tool(run: (env: ToolEnv, argv: string[]) => ToolResult): CommandFn {
  return function* (c: CommandContext): Program {
    c.proc.worldDependent = true;
    const r = run(toolEnv(c), c.argv);
    yield { kind: 'sleep', ms: Math.max(1, Math.ceil(r.ms)) };
    if (r.stdout) c.io.write(1, r.stdout);
    if (r.stderr) c.io.write(2, r.stderr);
    return r.exitCode;
  };
}

function* nc(c: CommandContext): Program {
  const args = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  const [host, port] = args;
  c.proc.worldDependent = true;
  if (!host || !port) return 1;
  if (c.argv.includes('-l') || c.argv.includes('-lk')) {
    return yield* listen(c, Number(port));
  }
  const ok = c.proc.world.resolves(host, c.proc.time) && c.proc.world.connect(host, Number(port), c.proc.time);
  if (!ok && !c.argv.some((a) => a.includes('z'))) c.io.write(2, `nc: ${host} (${c.proc.world.address(host, c.proc.time)}:${port}): Connection refused\n`);
  return ok ? 0 : 1;
}

function* listen(c: CommandContext, port: number): Program {
  const p = c.proc;
  p.traits.listeners.set(port, { name: 'nc', since: p.time });
  try {
    const r = yield { kind: 'forever', interruptible: c.pid1 };
    return r?.interrupted ? 143 : 0;
  } finally {
    p.traits.listeners.delete(port);
  }
}

/** ping: one echo per second (for ever without -c); a Service's address never answers. */
function* ping(c: CommandContext): Program {
  const args = c.argv;
  const ci = args.indexOf('-c');
  const count = ci >= 0 ? Number(args[ci + 1]) || 1 : Infinity;
  const host = args.slice(1).filter((a, i) => !a.startsWith('-') && args[i] !== '-c' && args[i] !== '-W' && args[i] !== '-w').pop();
  const p = c.proc;
  p.worldDependent = true;
  if (!host) return 1;
  if (count !== Infinity) {
    const r = pingOnce(toolEnv(c), c.argv);
    const lines = r.stdout.split('\n');
    // The header at once, a reply a second, then the statistics.
    c.io.write(1, `${lines[0]}\n`);
    if (r.stderr) {
      c.io.write(2, r.stderr);
      return r.exitCode;
    }
    for (let i = 0; i < count; i++) {
      if (lines[1 + i]?.startsWith('64 bytes')) c.io.write(1, `${lines[1 + i]}\n`);
      yield { kind: 'sleep', ms: 1000 };
    }
    c.io.write(1, lines.slice(lines.findIndex((l) => l.startsWith('---')) - 1).join('\n'));
    return r.exitCode;
  }
  const env = toolEnv(c);
  let address = host;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    const r = env.lookup(host);
    if (r.timeout || r.addresses.length === 0) {
      c.io.write(2, `ping: bad address '${host}'\n`);
      return 1;
    }
    address = r.addresses[0];
  }
  c.io.write(1, `PING ${host} (${address}): 56 data bytes\n`);
  for (let seq = 0; ; seq++) {
    const reply = p.world.ping?.(address, p.time);
    if (reply) c.io.write(1, `64 bytes from ${address}: seq=${seq} ttl=${reply.ttl} time=${reply.ms.toFixed(3)} ms\n`);
    yield { kind: 'sleep', ms: 1000 };
  }
}

/**
 * curlimages/curl's /entrypoint.sh: arguments that start with an option run curl
 * (`args: [-sS, http://web]`), anything else runs as given.
 */
function* curlEntrypoint(c: CommandContext): Program {
  if (!/(^|\/)curlimages\/curl(:|@|$)/.test(c.proc.image)) return yield* genericProcess(c);
  let args = c.argv.slice(1);
  if (args.length === 0 || args[0].startsWith('-')) args = ['curl', ...args];
  return yield* c.sh.invoke(args, c.io, c.pid1);
}

export const NETWORK_COMMANDS: Record<string, CommandFn> = { nslookup: tool(nslookup), wget: tool(wget), curl: tool(curl), nc, netcat: nc, ping, 'entrypoint.sh': curlEntrypoint };
