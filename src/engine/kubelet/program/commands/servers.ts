import type { CommandContext, CommandFn } from '../shell/interpreter';
import type { HttpResponse, Program } from '../runtime';
import { normalizePath } from '../filesystem';
import { strftime } from './util';
import { sync } from './sync';

const MI = 1024 * 1024;

export interface ServeOptions {
  name: string;
  ports: number[];
  /** From the start until the port accepts connections. */
  startupMs?: number;
  startLogs?: string[];
  /** Logged when the server is ready (at the end of startup). */
  readyLogs?: string[];
  /** Logged when the stop signal arrives. */
  stopLogs?: string[];
  stopMs?: number;
  stopCode?: number;
  memory: number;
  cpu: number;
  cpuPerRequest?: number;
  http?: (c: CommandContext) => (path: string, t: number) => HttpResponse;
  grpc?: boolean;
  /** Serve also on the container's declared containerPorts. */
  declared?: boolean;
}

/**
 * A long-running server: it logs its start, listens, and runs until the stop signal reaches it
 * (when it is the container's main process), then shuts down cleanly.
 */
export function* serve(c: CommandContext, o: ServeOptions): Program {
  const p = c.proc;
  for (const l of o.startLogs ?? []) c.io.write(1, `${l}\n`);
  p.useMemory(o.memory);
  p.traits.cpuMilli = o.cpu;
  if (o.cpuPerRequest !== undefined) p.traits.cpuPerRequest = o.cpuPerRequest;
  const since = p.time + (o.startupMs ?? 0);
  const http = o.http?.(c);
  const ports = new Set(o.ports);
  if (o.declared !== false) for (const d of p.declaredPorts) ports.add(d);
  for (const port of ports) p.traits.listeners.set(port, { name: o.name, since, http, grpc: o.grpc });
  try {
    let interrupted = false;
    if (o.startupMs && o.startupMs > 0) {
      const r = yield { kind: 'sleep', ms: o.startupMs, interruptible: c.pid1 };
      interrupted = !!r?.interrupted;
    }
    if (!interrupted) {
      for (const l of o.readyLogs ?? []) c.io.write(1, `${l}\n`);
      const r = yield { kind: 'forever', interruptible: c.pid1 };
      interrupted = !!r?.interrupted;
    }
    if (!interrupted) return 0;
    for (const l of o.stopLogs ?? []) c.io.write(1, `${l}\n`);
    for (const port of ports) p.traits.listeners.delete(port);
    if (o.stopMs) yield { kind: 'sleep', ms: o.stopMs };
    return o.stopCode ?? 0;
  } finally {
    for (const port of ports) p.traits.listeners.delete(port);
    p.useMemory(0);
    p.traits.cpuMilli = 0;
  }
}

/** Static files under a document root; nginx and httpd answer 403 for a directory without an index. */
function fileServer(c: CommandContext, root: string, index: string, notFound: string): (path: string, t: number) => HttpResponse {
  return (path, t) => {
    const clean = normalizePath(path.split('?')[0] || '/');
    const full = `${root}${clean === '/' ? '' : clean}`;
    const kind = c.proc.fs.kind(full, t);
    if (kind === 'dir') {
      const idx = c.proc.fs.read(`${full}/${index}`, t);
      return idx === undefined ? { status: 403, body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n' } : { status: 200, body: idx };
    }
    const body = c.proc.fs.read(full, t);
    return body === undefined ? { status: 404, body: notFound } : { status: 200, body };
  };
}

const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n';

function nginxVersion(c: CommandContext): string {
  return c.sh.vars.get('NGINX_VERSION') ?? '1.27.3';
}

function* nginx(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const sIdx = args.indexOf('-s');
  if (sIdx >= 0) {
    const sig = args[sIdx + 1];
    if (!c.proc.mainRunning?.('nginx', c.proc.time)) {
      c.io.write(2, `${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} [notice] 30#30: signal process started\n${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} [error] 30#30: open() "/run/nginx.pid" failed (2: No such file or directory)\n`);
      return 1;
    }
    c.io.write(2, `${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} [notice] 30#30: signal process started\n`);
    if (sig === 'quit' || sig === 'stop') c.proc.signalMain?.('nginx', sig === 'quit' ? 'QUIT' : 'TERM', c.proc.time);
    return 0;
  }
  if (args.includes('-v') || args.includes('-V')) {
    c.io.write(2, `nginx version: nginx/${nginxVersion(c)}\n`);
    return 0;
  }
  if (args.includes('-t') || args.includes('-T')) {
    c.io.write(2, 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    if (args.includes('-T')) c.io.write(1, `# configuration file /etc/nginx/nginx.conf:\n${c.proc.fs.read('/etc/nginx/nginx.conf', c.proc.time) ?? ''}`);
    return 0;
  }
  const ts = () => strftime('%Y/%m/%d %H:%M:%S', c.proc.time);
  const t0 = ts();
  const workers = [29, 30, 31, 32];
  return yield* serve(c, {
    name: 'nginx',
    ports: [80],
    startupMs: 20,
    startLogs: [
      `${t0} [notice] 1#1: using the "epoll" event method`,
      `${t0} [notice] 1#1: nginx/${nginxVersion(c)}`,
      `${t0} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
      `${t0} [notice] 1#1: OS: Linux 6.8.0-87-generic`,
      `${t0} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t0} [notice] 1#1: start worker processes`,
      ...workers.map((w) => `${t0} [notice] 1#1: start worker process ${w}`),
    ],
    get stopLogs() {
      const t = ts();
      return [
        `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
        ...workers.flatMap((w) => [`${t} [notice] ${w}#${w}: gracefully shutting down`, `${t} [notice] ${w}#${w}: exiting`, `${t} [notice] ${w}#${w}: exit`]),
        ...workers.flatMap((w) => [`${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${w}`, `${t} [notice] 1#1: worker process ${w} exited with code 0`]),
        `${t} [notice] 1#1: exit`,
      ];
    },
    stopMs: 60,
    stopCode: 0,
    memory: 7 * MI,
    cpu: 1,
    cpuPerRequest: 0.25,
    http: (cc) => fileServer(cc, '/usr/share/nginx/html', 'index.html', NGINX_404),
  });
}

/** The official images' docker-entrypoint.sh: image-specific checks, then exec of its arguments. */
function* dockerEntrypoint(c: CommandContext): Program {
  const args = c.argv.slice(1);
  const image = c.proc.image;
  const env = c.sh.vars;
  if (/(^|\/)nginx(-unprivileged)?(:|@|$)/.test(image) && (args[0] === 'nginx' || args[0] === 'nginx-debug') && !env.get('NGINX_ENTRYPOINT_QUIET_LOGS')) {
    c.io.write(
      1,
      [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        '',
      ].join('\n'),
    );
  }
  if (/(^|\/)mysql(:|@|$)/.test(image) && args[0] === 'mysqld' && !['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((k) => env.has(k))) {
    const t = strftime('%Y-%m-%d %H:%M:%S+00:00', c.proc.time);
    c.io.write(1, `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.4-1.el9 started.\n${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.4-1.el9 started.\n`);
    c.io.write(2, `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`);
    yield { kind: 'sleep', ms: 400 };
    return 1;
  }
  if (/(^|\/)postgres(:|@|$)/.test(image) && args[0] === 'postgres' && !env.has('POSTGRES_PASSWORD') && env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    c.io.write(
      2,
      'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n',
    );
    yield { kind: 'sleep', ms: 150 };
    return 1;
  }
  if (args.length === 0) return 0;
  return yield* c.sh.invoke(args, c.io, c.pid1);
}

function* httpd(c: CommandContext): Program {
  const t = () => strftime('%a %b %d %H:%M:%S.000000 %Y', c.proc.time);
  return yield* serve(c, {
    name: 'httpd',
    ports: [80],
    startupMs: 30,
    startLogs: [
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.proc.podIP}. Set the 'ServerName' directive globally to suppress this message`,
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.proc.podIP}. Set the 'ServerName' directive globally to suppress this message`,
      `[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations`,
      `[${t()}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ],
    get stopLogs() {
      return [`[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`];
    },
    stopMs: 50,
    memory: 10 * MI,
    cpu: 1,
    cpuPerRequest: 0.3,
    http: (cc) => fileServer(cc, '/usr/local/apache2/htdocs', 'index.html', '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n'),
  });
}

function* apache2(c: CommandContext): Program {
  const php = /hpa-example/.test(c.proc.image);
  return yield* serve(c, {
    name: 'apache2',
    ports: [80],
    startupMs: 200,
    startLogs: [
      `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${c.proc.podIP}. Set the 'ServerName' directive globally to suppress this message`,
      `[${strftime('%a %b %d %H:%M:%S.000000 %Y', c.proc.time)}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.27 configured -- resuming normal operations`,
      `[${strftime('%a %b %d %H:%M:%S.000000 %Y', c.proc.time)}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`,
    ],
    stopMs: 100,
    memory: php ? 12 * MI : 25 * MI,
    cpu: 1,
    // php-apache of the HPA walkthrough burns CPU on every request.
    cpuPerRequest: php ? 22 : 0.5,
    http: () => () => ({ status: 200, body: php ? 'OK!' : '<html><body><h1>It works!</h1></body></html>\n' }),
  });
}

function redisTime(c: CommandContext): string {
  return strftime('%d %b %Y %H:%M:%S.000', c.proc.time);
}

function* redisServer(c: CommandContext): Program {
  const t = redisTime(c);
  return yield* serve(c, {
    name: 'redis-server',
    ports: [6379],
    startupMs: 5,
    startLogs: [
      `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${t} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${t} * monotonic clock: POSIX clock_gettime`,
      `1:M ${t} * Running mode=standalone, port=6379.`,
      `1:M ${t} * Server initialized`,
      `1:M ${t} * Ready to accept connections tcp`,
    ],
    get stopLogs() {
      const s = redisTime(c);
      return [`1:signal-handler (${Math.floor(c.proc.time / 1000)}) Received SIGTERM scheduling shutdown...`, `1:M ${s} * User requested shutdown...`, `1:M ${s} * Saving the final RDB snapshot before exiting.`, `1:M ${s} * DB saved on disk`, `1:M ${s} # Redis is now ready to exit, bye bye...`];
    },
    stopMs: 20,
    memory: 8 * MI,
    cpu: 2,
    cpuPerRequest: 0.05,
  });
}

function* database(c: CommandContext, name: string, port: number, startupMs: number, memory: number, cpu: number, ready: string): Program {
  return yield* serve(c, {
    name,
    ports: [port],
    startupMs,
    startLogs: [`${strftime('%Y-%m-%dT%H:%M:%S.000000Z', c.proc.time)} 0 [System] [MY-010116] [Server] ${name} starting`],
    readyLogs: [ready],
    stopMs: 1500,
    memory,
    cpu,
    cpuPerRequest: 0.5,
  });
}

function* mysqld(c: CommandContext): Program {
  return yield* database(c, 'mysqld', 3306, 18_000, 420 * MI, 6, `${strftime('%Y-%m-%dT%H:%M:%S.000000Z', c.proc.time + 18_000)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.4'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
}

function* postgres(c: CommandContext): Program {
  return yield* database(c, 'postgres', 5432, 2_500, 35 * MI, 1, `${strftime('%Y-%m-%d %H:%M:%S.000 UTC', c.proc.time + 2_500)} [1] LOG:  database system is ready to accept connections`);
}

function* mongod(c: CommandContext): Program {
  return yield* database(c, 'mongod', 27017, 3_000, 90 * MI, 5, `{"t":{"$date":"${strftime('%Y-%m-%dT%H:%M:%S.000+00:00', c.proc.time + 3_000)}"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`);
}

function* rabbitmq(c: CommandContext): Program {
  return yield* database(c, 'rabbitmq-server', 5672, 9_000, 110 * MI, 4, `${strftime('%Y-%m-%d %H:%M:%S.000000+00:00', c.proc.time + 9_000)} [info] <0.9.0> Server startup complete; 0 plugins started.`);
}

/** A client that succeeds when its server answers on localhost (readiness/liveness exec probes). */
function localClient(port: number, ok: string, fail: string): CommandFn {
  return sync((c: CommandContext) => {
    const up = c.proc.world.connect('127.0.0.1', port, c.proc.time);
    c.proc.worldDependent = true;
    c.io.write(up ? 1 : 2, `${up ? ok : fail}\n`);
    return up ? 0 : 1;
  });
}

function* pause(c: CommandContext): Program {
  const r = yield { kind: 'forever', interruptible: c.pid1 };
  if (r?.interrupted) {
    c.io.write(2, 'Shutting down, got signal: Terminated\n');
    return 0;
  }
  return 0;
}

function* etcd(c: CommandContext): Program {
  const urls = c.argv.find((_a, i) => c.argv[i - 1] === '--listen-client-urls') ?? c.argv.find((a) => a.startsWith('--listen-client-urls='))?.split('=')[1] ?? 'http://localhost:2379';
  const ports = urls.split(',').map((u) => Number(/:(\d+)\/?$/.exec(u)?.[1] ?? 2379));
  return yield* serve(c, {
    name: 'etcd',
    ports,
    startupMs: 400,
    startLogs: [`{"level":"info","ts":"${strftime('%Y-%m-%dT%H:%M:%S.000Z', c.proc.time)}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(c.argv)}}`],
    readyLogs: [`{"level":"info","ts":"${strftime('%Y-%m-%dT%H:%M:%S.000Z', c.proc.time + 400)}","caller":"embed/serve.go:187","msg":"serving client traffic insecurely; this is strongly discouraged!","address":"[::]:${ports[0]}"}`],
    stopLogs: [`{"level":"info","ts":"${strftime('%Y-%m-%dT%H:%M:%S.000Z', c.proc.time)}","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}`],
    stopMs: 100,
    memory: 30 * MI,
    cpu: 8,
    grpc: true,
  });
}

function* helloApp(c: CommandContext): Program {
  const port = Number(c.sh.vars.get('PORT') ?? 8080);
  const version = /:2\.0$/.test(c.proc.image) ? '2.0.0' : '1.0.0';
  return yield* serve(c, {
    name: 'hello-app',
    ports: [port],
    startLogs: [`${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} Server listening on port ${port}`],
    stopCode: 2,
    memory: 4 * MI,
    cpu: 0,
    http: (cc) => (path) => {
      if (path !== '/' && !path.startsWith('/?')) return { status: 404, body: '404 page not found\n' };
      return { status: 200, body: `Hello, world!\nVersion: ${version}\nHostname: ${cc.proc.hostname}\n` };
    },
  });
}

function* httpEcho(c: CommandContext): Program {
  const text = c.argv.find((a) => a.startsWith('-text='))?.slice(6) ?? c.argv[c.argv.indexOf('-text') + 1] ?? '';
  const listen = c.argv.find((a) => a.startsWith('-listen='))?.slice(8) ?? ':5678';
  const port = Number(/:(\d+)$/.exec(listen)?.[1] ?? 5678);
  if (!text) {
    c.io.write(2, 'Missing -text option!\n');
    return 127;
  }
  return yield* serve(c, {
    name: 'http-echo',
    ports: [port],
    startLogs: [`${strftime('%Y/%m/%d %H:%M:%S', c.proc.time)} [INFO] server is listening on ${listen}`],
    stopCode: 2,
    memory: 3 * MI,
    cpu: 0,
    http: () => () => ({ status: 200, body: `${text}\n` }),
  });
}

function* nodeApp(c: CommandContext): Program {
  const args = c.argv.slice(1);
  if (args.length === 0 || args[0] === '-e' || args[0] === '--eval' || args[0] === '-v' || args[0] === '--version') {
    if (args[0] === '-v' || args[0] === '--version') c.io.write(1, 'v22.12.0\n');
    return 0;
  }
  const hello = /node-hello/.test(c.proc.image);
  return yield* serve(c, {
    name: 'node',
    ports: hello ? [8080] : [],
    stopCode: 143,
    memory: 45 * MI,
    cpu: 1,
    http: () => () => ({ status: 200, body: hello ? 'Hello Kubernetes!' : 'OK' }),
  });
}

function* serveHostname(c: CommandContext): Program {
  const port = Number(c.argv.find((a) => a.startsWith('-port='))?.slice(6) ?? c.argv.find((a) => a.startsWith('--port='))?.slice(7) ?? 9376);
  return yield* serve(c, {
    name: 'serve_hostname',
    ports: [port],
    startLogs: [`Serving on port ${port}.`],
    stopCode: 2,
    memory: 2 * MI,
    cpu: 0,
    http: (cc) => () => ({ status: 200, body: cc.proc.hostname }),
  });
}

function* goproxy(c: CommandContext): Program {
  return yield* serve(c, { name: 'goproxy', ports: [8080], stopCode: 2, memory: 3 * MI, cpu: 0 });
}

function* echoserver(c: CommandContext): Program {
  return yield* serve(c, {
    name: 'nginx',
    ports: [8080, 8443],
    stopMs: 50,
    memory: 6 * MI,
    cpu: 1,
    http: (cc) => (path) => ({ status: 200, body: `\n\nHostname: ${cc.proc.hostname}\n\nRequest Information:\n\treal path=${path}\n` }),
  });
}

/** registry.k8s.io/liveness `/server` (the docs' http-liveness): /healthz is 200 for 10 s, then 500. */
export function* livenessServer(c: CommandContext, port = 8080): Program {
  const started = c.proc.time;
  return yield* serve(c, {
    name: 'server',
    ports: [port],
    stopCode: 2,
    memory: 2 * MI,
    cpu: 0,
    http: () => (path, t) => {
      if (path.split('?')[0] === '/healthz') {
        const elapsed = t - started;
        return elapsed > 10_000 ? { status: 500, body: `error: ${(elapsed / 1000).toFixed(6)}` } : { status: 200, body: 'ok' };
      }
      return { status: 404, body: '404 page not found\n' };
    },
  });
}

/** An unknown program as the container's main process: it runs until stopped (TERM ends it, 143). */
export function* genericProcess(c: CommandContext): Program {
  const p = c.proc;
  p.useMemory(10 * MI);
  p.traits.cpuMilli = 1;
  const ports = p.declaredPorts;
  for (const port of ports) p.traits.listeners.set(port, { name: c.argv[0], since: p.time, http: () => ({ status: 200, body: 'OK' }) });
  try {
    const r = yield { kind: 'forever', interruptible: c.pid1 };
    return r?.interrupted ? 143 : 0;
  } finally {
    for (const port of ports) p.traits.listeners.delete(port);
    p.useMemory(0);
    p.traits.cpuMilli = 0;
  }
}

export const SERVER_COMMANDS: Record<string, CommandFn> = {
  nginx,
  'nginx-debug': nginx,
  'docker-entrypoint.sh': dockerEntrypoint,
  'httpd-foreground': httpd,
  httpd,
  'apache2-foreground': apache2,
  apache2: apache2,
  'redis-server': redisServer,
  mysqld,
  postgres,
  mongod,
  'rabbitmq-server': rabbitmq,
  pause,
  etcd,
  'hello-app': helloApp,
  'http-echo': httpEcho,
  node: nodeApp,
  serve_hostname: serveHostname,
  goproxy,
  'run.sh': echoserver,
  server: (c) => livenessServer(c),
  'redis-cli': localClient(6379, 'PONG', 'Could not connect to Redis at 127.0.0.1:6379: Connection refused'),
  mysqladmin: localClient(3306, 'mysqld is alive', "mysqladmin: connect to server at '127.0.0.1' failed\nerror: 'Can't connect to MySQL server on '127.0.0.1:3306' (111)'"),
  mysql: localClient(3306, '1\n1', "ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:3306' (111)"),
  pg_isready: localClient(5432, '/var/run/postgresql:5432 - accepting connections', '/var/run/postgresql:5432 - no response'),
};
