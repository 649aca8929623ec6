import type { CommandContext, CommandFn } from '../shell/interpreter';
import type { Program } from '../runtime';
import { normalizePath } from '../filesystem';
import { isBusybox } from './util';
import { sync } from './sync';

/** Splits "http://host:port/path" (scheme optional) into its parts. */
export function parseUrl(url: string): { host: string; port: number; path: string; https: boolean } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^\s#]*)$/.exec(url);
  if (!m) return undefined;
  const https = m[1] === 'https';
  return { host: m[2], port: m[3] ? Number(m[3]) : https ? 443 : 80, path: m[4] || '/', https };
}

const RESOLVER = '10.96.0.10';

function nslookup(c: CommandContext): number {
  const name = c.argv.slice(1).find((a) => !a.startsWith('-'));
  const p = c.proc;
  p.worldDependent = true;
  if (!name) return 1;
  // A lookup takes a moment (and up to the resolver timeout when it fails).
  const ok = p.world.resolves(name, p.time);
  if (isBusybox(p.image)) {
    c.io.write(1, `Server:    ${RESOLVER}\nAddress 1: ${RESOLVER} kube-dns.kube-system.svc.cluster.local\n\n`);
    if (!ok) {
      c.io.write(2, `nslookup: can't resolve '${name}'\n`);
      return 1;
    }
    c.io.write(1, `Name:      ${name}\nAddress 1: ${p.world.address(name, p.time)}\n`);
    return 0;
  }
  c.io.write(1, `Server:\t\t${RESOLVER}\nAddress:\t${RESOLVER}#53\n\n`);
  if (!ok) {
    c.io.write(1, `** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  c.io.write(1, `Name:\t${name}\nAddress: ${p.world.address(name, p.time)}\n\n`);
  return 0;
}

function fetch(c: CommandContext, url: string): { status: number; body: string } | { error: string } {
  const p = c.proc;
  p.worldDependent = true;
  const u = parseUrl(url);
  if (!u) return { error: `bad address '${url}'` };
  if (!p.world.resolves(u.host, p.time)) return { error: 'resolve' };
  const r = p.world.http(u.host, u.port, u.path, p.time);
  if (!r) return { error: 'refused' };
  return r;
}

function* wget(c: CommandContext): Program {
  const args = c.argv.slice(1);
  let out: string | undefined;
  let quiet = false;
  let spider = false;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O') out = args[++i];
    else if (a.startsWith('-O') && a.length > 2) out = a.slice(2);
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('q')) quiet = true;
      if (a.includes('O')) out = args[++i];
    } else if (a === '--spider') spider = true;
    else if (a.startsWith('--timeout') || a.startsWith('-T')) continue;
    else if (!a.startsWith('-')) urls.push(a);
  }
  const url = urls[0];
  if (!url) return 1;
  const u = parseUrl(url);
  yield { kind: 'sleep', ms: 30 };
  const r = fetch(c, url);
  if ('error' in r) {
    if (r.error === 'resolve') c.io.write(2, `wget: bad address '${u?.host ?? url}'\n`);
    else c.io.write(2, `wget: can't connect to remote host (${c.proc.world.address(u!.host, c.proc.time)}): Connection refused\n`);
    return 1;
  }
  if (!quiet) c.io.write(2, `Connecting to ${u!.host}${u!.port !== 80 ? `:${u!.port}` : ''} (${c.proc.world.address(u!.host, c.proc.time)}:${u!.port})\n`);
  if (r.status >= 400) {
    c.io.write(2, `wget: server returned error: HTTP/1.1 ${r.status} ${r.status === 404 ? 'Not Found' : r.status === 403 ? 'Forbidden' : 'Internal Server Error'}\n`);
    return 1;
  }
  if (spider) return 0;
  const file = out ?? (u!.path.split('/').pop() || 'index.html');
  if (file === '-') c.io.write(1, r.body);
  else {
    c.proc.fs.write(normalizePath(file, c.sh.cwd), c.proc.time, r.body);
    if (!quiet) c.io.write(2, `saving to '${file}'\n${file.split('/').pop()}           100% |********************************|   ${r.body.length}  0:00:00 ETA\n'${file}' saved\n`);
  }
  return 0;
}

function* curl(c: CommandContext): Program {
  const args = c.argv.slice(1);
  if (args.length === 0) {
    c.io.write(2, "curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let out: string | undefined;
  let failOnError = false;
  let silent = false;
  let head = false;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') out = args[++i];
    else if (a === '-m' || a === '--max-time' || a === '-H' || a === '--header' || a === '-X' || a === '-d' || a === '--connect-timeout' || a === '-w') i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('f')) failOnError = true;
      if (a.includes('s')) silent = true;
      if (a.includes('I')) head = true;
    } else if (a === '--fail') failOnError = true;
    else if (!a.startsWith('-')) urls.push(a);
  }
  const url = urls[0];
  if (!url) return 2;
  yield { kind: 'sleep', ms: 20 };
  const u = parseUrl(url);
  const r = fetch(c, url);
  if ('error' in r) {
    if (!silent || args.some((a) => /^-[a-zA-Z]*S/.test(a))) {
      c.io.write(2, r.error === 'resolve' ? `curl: (6) Could not resolve host: ${u?.host ?? url}\n` : `curl: (7) Failed to connect to ${u!.host} port ${u!.port} after 0 ms: Couldn't connect to server\n`);
    }
    return r.error === 'resolve' ? 6 : 7;
  }
  if (failOnError && r.status >= 400) {
    if (!silent) c.io.write(2, `curl: (22) The requested URL returned error: ${r.status}\n`);
    return 22;
  }
  const body = head ? `HTTP/1.1 ${r.status} ${r.status === 200 ? 'OK' : ''}\r\n\r\n` : r.body;
  if (out && out !== '-') c.proc.fs.write(normalizePath(out, c.sh.cwd), c.proc.time, body);
  else c.io.write(1, body);
  return 0;
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

function* ping(c: CommandContext): Program {
  const host = c.argv.slice(1).filter((a) => !a.startsWith('-')).pop();
  const count = Number(c.argv[c.argv.indexOf('-c') + 1]) || (c.argv.includes('-c') ? 1 : Infinity);
  const p = c.proc;
  p.worldDependent = true;
  if (!host) return 1;
  if (!p.world.resolves(host, p.time)) {
    c.io.write(2, `ping: bad address '${host}'\n`);
    return 1;
  }
  const addr = p.world.address(host, p.time);
  c.io.write(1, `PING ${host} (${addr}): 56 data bytes\n`);
  // ICMP to a Service's virtual IP gets no answer: kube-proxy only forwards TCP/UDP/SCTP ports.
  const answers = !/^10\.9[6-9]\.|^10\.1[01][0-9]\./.test(addr);
  let sent = 0;
  for (; sent < count; sent++) {
    if (answers) c.io.write(1, `64 bytes from ${addr}: seq=${sent} ttl=64 time=0.081 ms\n`);
    yield { kind: 'sleep', ms: 1000 };
  }
  c.io.write(1, `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${answers ? sent : 0} packets received, ${answers ? 0 : 100}% packet loss\n`);
  return answers ? 0 : 1;
}

export const NETWORK_COMMANDS: Record<string, CommandFn> = { nslookup: sync(nslookup), wget, curl, nc, netcat: nc, ping };
