import type { WorldLookup, WorldResponse } from '../kubelet/program/runtime';
import { CLUSTER_DNS_IP } from './dns';
import { REASON } from './responses';
import { parseUrl } from './url';

/** What a network tool needs from where it runs (a container, at one instant). */
export interface ToolEnv {
  image: string;
  request(url: string, hostHeader?: string): WorldResponse;
  lookup(name: string): WorldLookup;
  /** ICMP echo: the reply's TTL, or undefined when nothing answers. */
  ping(address: string): { ttl: number; ms: number } | undefined;
  /** Writes a file (curl -o, wget -O). */
  writeFile(path: string, body: string): void;
  /** stdout is a terminal (kubectl exec -t): curl shows no progress meter. */
  tty: boolean;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Simulated time the command took. */
  ms: number;
}

/** Seconds a TCP connect gives up after when nothing answers (Linux: 6 SYN retries). */
const CONNECT_GIVE_UP_MS = 130_000;

/** busybox (and alpine, whose applets are busybox's) rather than GNU or bind tools. */
export function isBusyboxImage(image: string): boolean {
  return /(^|\/)(busybox|alpine|curlimages\/curl|radial\/busyboxplus)(:|@|$)/.test(image) || /busybox|alpine/.test(image);
}

/** busybox up to 1.28 had the old nslookup (the one the DNS debugging docs pin busybox:1.28 for). */
function oldBusybox(image: string): boolean {
  const m = /busybox(?:plus)?:(\d+)\.(\d+)/.exec(image);
  if (/radial\/busyboxplus/.test(image)) return true;
  return !!m && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) <= 28));
}

// ---- curl -------------------------------------------------------------------------------------

/** curl's max5data: a 5-column size or speed. */
function max5(n: number): string {
  const v = Math.round(n);
  if (v < 100_000) return String(v).padStart(5);
  if (v < 10_000 * 1024) return `${String(Math.floor(v / 1024)).padStart(4)}k`;
  if (v < 100 * 1024 * 1024) return `${String(Math.floor(v / 1048576)).padStart(4)}M`;
  return `${String(Math.floor(v / 1073741824)).padStart(4)}G`;
}

function clock(ms: number): string {
  if (ms < 1000) return '--:--:--';
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The progress meter curl writes to stderr when stdout is not a terminal (its last line). */
function progressMeter(bytes: number, ms: number): string {
  const speed = ms > 0 ? (bytes * 1000) / ms : bytes;
  const pct = bytes > 0 ? '100' : '  0';
  const dl = bytes > 0 ? max5(speed) : '    0';
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `${pct} ${max5(bytes)}  ${pct} ${max5(bytes)}  ${'  0'} ${max5(0)}  ${dl}  ${max5(0)} --:--:-- ${clock(ms).padStart(8)} --:--:-- ${dl}\n`
  );
}

export function curl(env: ToolEnv, argv: string[]): ToolResult {
  const args = argv.slice(1);
  if (args.length === 0) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2, ms: 0 };
  let out: string | undefined;
  let fail = false;
  let silent = false;
  let showError = false;
  let head = false;
  let include = false;
  let follow = false;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  let hostHeader: string | undefined;
  let writeOut: string | undefined;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') out = args[++i];
    else if (a === '-m' || a === '--max-time') maxTime = Number(args[++i]);
    else if (a === '--connect-timeout') connectTimeout = Number(args[++i]);
    else if (a === '-H' || a === '--header') {
      const h = args[++i] ?? '';
      const m = /^host:\s*(.+)$/i.exec(h);
      if (m) hostHeader = m[1].trim();
    } else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '-X' || a === '--request' || a === '-d' || a === '--data' || a === '-A' || a === '--user-agent' || a === '--resolve' || a === '-u' || a === '--cacert' || a === '-e') i++;
    else if (a === '--fail' || a === '--fail-with-body') fail = true;
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--head') head = true;
    else if (a === '--include') include = true;
    else if (a === '--location') follow = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('f')) fail = true;
      if (a.includes('s')) silent = true;
      if (a.includes('S')) showError = true;
      if (a.includes('I')) head = true;
      if (a.includes('i')) include = true;
      if (a.includes('L')) follow = true;
    } else if (!a.startsWith('-')) urls.push(a);
  }
  const url = urls[0];
  if (!url) return { stdout: '', stderr: 'curl: no URL specified\ncurl: try \'curl --help\' or \'curl --manual\' for more information\n', exitCode: 2, ms: 0 };
  const u = parseUrl(url);
  const meter = !silent && !env.tty;
  const errors = !silent || showError;
  if (!u) return { stdout: '', stderr: errors ? `curl: (3) URL rejected: Malformed input to a URL function\n` : '', exitCode: 3, ms: 0 };
  let r = env.request(url, hostHeader);
  let ms = r.latencyMs;
  if (follow && r.status && r.status >= 300 && r.status < 400 && r.status !== 304) {
    const target = `https://${hostHeader ?? u.host}${u.path}`;
    r = env.request(target, hostHeader);
    ms += r.latencyMs;
  }
  const limit = maxTime !== undefined && maxTime > 0 ? maxTime * 1000 : undefined;
  const connectLimit = connectTimeout !== undefined && connectTimeout > 0 ? connectTimeout * 1000 : undefined;
  const fin = (stdout: string, stderr: string, exitCode: number, took: number, bytes = 0): ToolResult => ({
    stdout: stdout + (writeOut !== undefined ? writeOut.replace(/%\{http_code\}/g, String(r.status ?? 0).padStart(3, '0')).replace(/\\n/g, '\n') : ''),
    stderr: (meter ? progressMeter(bytes, took) : '') + (errors ? stderr : ''),
    exitCode,
    ms: took,
  });
  if (r.error === 'resolve') return fin('', `curl: (6) Could not resolve host: ${u.host}\n`, 6, ms);
  if (r.error === 'dns-timeout') {
    const took = Math.min(limit ?? Infinity, connectLimit ?? Infinity, 10_000);
    return fin('', `curl: (28) Resolving timed out after ${took + 1} milliseconds\n`, 28, took);
  }
  if (r.error === 'refused') return fin('', `curl: (7) Failed to connect to ${u.host} port ${u.port} after ${Math.floor(ms)} ms: Couldn't connect to server\n`, 7, ms);
  if (r.error === 'timeout') {
    if (limit !== undefined && (connectLimit === undefined || limit <= connectLimit)) return fin('', `curl: (28) Connection timed out after ${limit + 1} milliseconds\n`, 28, limit);
    if (connectLimit !== undefined) return fin('', `curl: (28) Failed to connect to ${u.host} port ${u.port} after ${connectLimit + 1} ms: Timeout was reached\n`, 28, connectLimit);
    return fin('', `curl: (28) Failed to connect to ${u.host} port ${u.port} after ${CONNECT_GIVE_UP_MS} ms: Couldn't connect to server\n`, 28, CONNECT_GIVE_UP_MS);
  }
  if (r.error === 'empty') return fin('', 'curl: (52) Empty reply from server\n', 52, ms);
  const status = r.status ?? 200;
  const body = r.body ?? '';
  const statusLine = `HTTP/1.1 ${status} ${REASON[status] ?? ''}\r\n`;
  if (fail && status >= 400) return fin('', `curl: (22) The requested URL returned error: ${status}\n`, 22, ms);
  const content = head ? `${statusLine}\r\n` : `${include ? `${statusLine}\r\n` : ''}${body}`;
  if (out && out !== '-') {
    env.writeFile(out, content);
    return fin('', '', 0, ms, content.length);
  }
  return fin(content, '', 0, ms, content.length);
}

// ---- wget (busybox) ---------------------------------------------------------------------------

export function wget(env: ToolEnv, argv: string[]): ToolResult {
  const args = argv.slice(1);
  let out: string | undefined;
  let quiet = false;
  let spider = false;
  let timeout: number | undefined;
  let hostHeader: string | undefined;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O' || a === '--output-document') out = args[++i];
    else if (a.startsWith('--output-document=')) out = a.slice(18);
    else if (a === '-T' || a === '--timeout') timeout = Number(args[++i]);
    else if (a.startsWith('--timeout=')) timeout = Number(a.slice(10));
    else if (a === '--header') {
      const m = /^host:\s*(.+)$/i.exec(args[++i] ?? '');
      if (m) hostHeader = m[1].trim();
    } else if (a === '--spider') spider = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (/^-[a-zA-Z]+-?$/.test(a) && a.length > 1) {
      // Combined short options: -qO- , -qO file, -q
      const letters = a.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const ch = letters[k];
        if (ch === 'q') quiet = true;
        else if (ch === 'O') {
          const rest = letters.slice(k + 1);
          out = rest !== '' ? rest : args[++i];
          break;
        } else if (ch === 'T') {
          const rest = letters.slice(k + 1);
          timeout = Number(rest !== '' ? rest : args[++i]);
          break;
        }
      }
    } else if (!a.startsWith('-')) urls.push(a);
  }
  const url = urls[0];
  if (!url) return { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', exitCode: 1, ms: 0 };
  const u = parseUrl(url);
  if (!u) return { stdout: '', stderr: `wget: bad address '${url}'\n`, exitCode: 1, ms: 0 };
  const r = env.request(url, hostHeader);
  const hostPort = `${u.host}${u.explicitPort ? `:${u.port}` : ''}`;
  if (r.error === 'resolve') return { stdout: '', stderr: `wget: bad address '${hostPort}'\n`, exitCode: 1, ms: r.latencyMs };
  if (r.error === 'dns-timeout') return { stdout: '', stderr: `wget: bad address '${hostPort}'\n`, exitCode: 1, ms: 10_000 };
  const connecting = quiet ? '' : `Connecting to ${hostPort} (${r.address}:${u.port})\n`;
  if (r.error === 'refused') return { stdout: '', stderr: `${connecting}wget: can't connect to remote host (${r.address}): Connection refused\n`, exitCode: 1, ms: r.latencyMs };
  if (r.error === 'timeout') {
    const took = timeout !== undefined && timeout > 0 ? timeout * 1000 : CONNECT_GIVE_UP_MS;
    return { stdout: '', stderr: timeout !== undefined && timeout > 0 ? `${connecting}wget: download timed out\n` : `${connecting}wget: can't connect to remote host (${r.address}): Connection timed out\n`, exitCode: 1, ms: took };
  }
  if (r.error === 'empty') return { stdout: '', stderr: `${connecting}wget: error getting response: Connection reset by peer\n`, exitCode: 1, ms: r.latencyMs };
  const status = r.status ?? 200;
  if (status >= 400) return { stdout: '', stderr: `${connecting}wget: server returned error: HTTP/1.1 ${status} ${REASON[status] ?? ''}\n`, exitCode: 1, ms: r.latencyMs };
  const body = r.body ?? '';
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, exitCode: 0, ms: r.latencyMs };
  const bar = (name: string) => `${name.padEnd(20)} 100% |********************************| ${String(body.length).padStart(5)}  0:00:00 ETA\n`;
  if (out === '-') return { stdout: body, stderr: quiet ? '' : `${connecting}writing to stdout\n${bar('-')}written to stdout\n`, exitCode: 0, ms: r.latencyMs };
  const file = out ?? (u.path.split('?')[0].split('/').pop() || 'index.html');
  env.writeFile(file, body);
  const base = file.split('/').pop()!;
  return { stdout: '', stderr: quiet ? '' : `${connecting}saving to '${file}'\n${bar(base)}'${file}' saved\n`, exitCode: 0, ms: r.latencyMs };
}

// ---- nslookup ---------------------------------------------------------------------------------

export function nslookup(env: ToolEnv, argv: string[]): ToolResult {
  const words = argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = words[0];
  if (!name) return { stdout: '', stderr: 'Usage: nslookup [HOST] [SERVER]\n', exitCode: 1, ms: 0 };
  const r = env.lookup(name);
  const server = r.server || CLUSTER_DNS_IP;
  const ms = r.timeout ? 15_000 : 1;
  const busybox = isBusyboxImage(env.image);
  if (busybox && oldBusybox(env.image)) {
    if (r.timeout) return { stdout: '', stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1, ms };
    let out = `Server:    ${server}\nAddress 1: ${server}${server === CLUSTER_DNS_IP ? ' kube-dns.kube-system.svc.cluster.local' : ''}\n\n`;
    if (r.addresses.length === 0) return { stdout: out, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1, ms };
    out += `Name:      ${name}\n`;
    r.addresses.forEach((ip, i) => {
      const ptr = r.ptr?.(ip);
      out += `Address ${i + 1}: ${ip}${ptr ? ` ${ptr}` : ''}\n`;
    });
    return { stdout: out, stderr: '', exitCode: 0, ms };
  }
  if (r.timeout) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1, ms };
  let out = busybox ? `Server:\t\t${server}\nAddress:\t${server}:53\n\n` : `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  if (!r.name || (r.addresses.length === 0 && r.cnames.length === 0)) {
    out += `** server can't find ${name}: NXDOMAIN\n\n`;
    return { stdout: out, stderr: '', exitCode: 1, ms };
  }
  for (const c of r.cnames) out += `${c.name}\tcanonical name = ${c.target}.\n`;
  const answered = r.cnames.length ? r.cnames[r.cnames.length - 1].target : r.name;
  for (const ip of r.addresses) out += `Name:\t${answered}\nAddress: ${ip}\n`;
  if (r.addresses.length === 0) {
    out += `** server can't find ${answered}: NXDOMAIN\n`;
    return { stdout: out + '\n', stderr: '', exitCode: 1, ms };
  }
  return { stdout: out + '\n', stderr: '', exitCode: 0, ms };
}

// ---- ping ------------------------------------------------------------------------------------

export function ping(env: ToolEnv, argv: string[], defaultCount = 4): ToolResult {
  const args = argv.slice(1);
  let count = defaultCount;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') count = Number(args[++i]) || 1;
    else if (/^-c\d+$/.test(args[i])) count = Number(args[i].slice(2));
    else if (args[i] === '-W' || args[i] === '-w' || args[i] === '-i' || args[i] === '-s') i++;
    else if (!args[i].startsWith('-')) rest.push(args[i]);
  }
  const host = rest[rest.length - 1];
  if (!host) return { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n', exitCode: 1, ms: 0 };
  let address = host;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    const r = env.lookup(host);
    if (r.timeout || r.addresses.length === 0) return { stdout: '', stderr: `ping: bad address '${host}'\n`, exitCode: 1, ms: r.timeout ? 10_000 : 1 };
    address = r.addresses[0];
  }
  let out = `PING ${host} (${address}): 56 data bytes\n`;
  const reply = env.ping(address);
  for (let seq = 0; seq < count && reply; seq++) out += `64 bytes from ${address}: seq=${seq} ttl=${reply.ttl} time=${reply.ms.toFixed(3)} ms\n`;
  const received = reply ? count : 0;
  out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${received} packets received, ${received ? 0 : 100}% packet loss\n`;
  if (reply) out += `round-trip min/avg/max = ${reply.ms.toFixed(3)}/${reply.ms.toFixed(3)}/${reply.ms.toFixed(3)} ms\n`;
  return { stdout: out, stderr: '', exitCode: reply ? 0 : 1, ms: count * 1000 };
}
