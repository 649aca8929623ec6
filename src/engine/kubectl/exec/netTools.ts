import type { Pod } from 'kubernetes-types/core/v1';
import { networkOf } from '../../network/index';
import { curl, nslookup, ping, wget, type ToolEnv, type ToolResult } from '../../network/clientTools';
import { worldResponse, reverseName } from '../../network/programNetwork';
import { registerExecTool, type ExecEnv, type ExecResult } from './tools';

function toolEnv(e: ExecEnv): ToolEnv | undefined {
  const net = networkOf(e.cluster.api);
  if (!net) return undefined;
  const source = { kind: 'pod' as const, pod: e.pod as Pod };
  return {
    image: e.container.image ?? '',
    request: (url, hostHeader) => worldResponse(net.request(source, url, { hostHeader })),
    lookup: (name) => {
      const r = net.path.lookup(source, name, e.cluster.now());
      const ok = r.dns.ok && !r.blocked;
      return {
        server: r.server,
        timeout: r.blocked,
        name: ok && r.dns.ok ? r.dns.name : undefined,
        cnames: ok && r.dns.ok ? r.dns.cnames : [],
        addresses: ok && r.dns.ok ? r.dns.addresses : [],
        ptr: (ip) => reverseName(net.table, net.pods, net.dns.domain, ip),
      };
    },
    ping: (address) => net.path.ping(source, address),
    writeFile: (path, body) => e.files.set(path, body),
    tty: !!e.tty,
  };
}

/** A network tool as `kubectl exec` runs it: at once, through the cluster network, recorded as a trace. */
function register(name: string, run: (env: ToolEnv, argv: string[]) => ToolResult): void {
  registerExecTool(
    name,
    (e, argv): ExecResult => {
      const env = toolEnv(e);
      if (!env) return { stdout: '', stderr: `${name}: network unavailable\n`, exitCode: 1 };
      const r = run(env, argv);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    },
    { network: true },
  );
}

register('curl', curl);
register('wget', wget);
register('nslookup', nslookup);
register('ping', (env, argv) => ping(env, argv, 4));
