import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../cluster';
import { imageHasTool } from './imageTools';

/** What a command running inside a container sees. */
export interface ExecEnv {
  cluster: Cluster;
  pod: Pod;
  container: Container;
  env: Map<string, string>;
  files: Map<string, string>;
  stdin: string;
  /** kubectl exec -t: stdout is a terminal. */
  tty?: boolean;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A program available in containers; networking tools (nslookup, curl, wget) register here too. */
export type ExecTool = (env: ExecEnv, argv: string[]) => ExecResult;

const TOOLS = new Map<string, ExecTool>();
const NETWORK = new Set<string>();

/** `network`: the tool exists only in images that ship it (see imageTools.ts). */
export function registerExecTool(name: string, tool: ExecTool, opts: { network?: boolean } = {}): void {
  TOOLS.set(name, tool);
  if (opts.network) NETWORK.add(name);
}

/** The program `name` as found in the container's PATH (network tools only where the image has them). */
export function findExecTool(name: string, image?: string): ExecTool | undefined {
  const base = name.replace(/^\/(usr\/)?(s?bin)\//, '');
  if (NETWORK.has(base) && image !== undefined && !imageHasTool(image, base)) return undefined;
  return TOOLS.get(base);
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });

/** Directories listed by ls: the usual top of a Linux image plus where volumes are mounted. */
const ROOT_DIRS = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

function listDir(env: ExecEnv, path: string): string[] | undefined {
  const dir = path === '/' ? '' : path.replace(/\/$/, '');
  const names = new Set<string>(dir === '' ? ROOT_DIRS : []);
  let found = dir === '';
  for (const f of env.files.keys()) {
    if (f === dir) return undefined;
    if (!f.startsWith(dir + '/')) continue;
    found = true;
    names.add(f.slice(dir.length + 1).split('/')[0]);
  }
  return found ? [...names].sort() : undefined;
}

registerExecTool('echo', (_e, argv) => {
  const noNewline = argv[1] === '-n';
  const words = argv.slice(noNewline ? 2 : 1);
  return ok(words.join(' ') + (noNewline ? '' : '\n'));
});
registerExecTool('hostname', (e) => ok(e.env.get('HOSTNAME') + '\n'));
registerExecTool('env', (e) => ok([...e.env].map(([k, v]) => `${k}=${v}\n`).join('')));
registerExecTool('printenv', (e, argv) => {
  if (argv.length === 1) return ok([...e.env].map(([k, v]) => `${k}=${v}\n`).join(''));
  const vals = argv.slice(1).filter((n) => e.env.has(n)).map((n) => `${e.env.get(n)}\n`);
  return { stdout: vals.join(''), stderr: '', exitCode: vals.length === argv.length - 1 ? 0 : 1 };
});
registerExecTool('pwd', () => ok('/\n'));
registerExecTool('whoami', () => ok('root\n'));
registerExecTool('true', () => ok(''));
registerExecTool('false', () => ({ stdout: '', stderr: '', exitCode: 1 }));
registerExecTool('sleep', () => ok(''));
registerExecTool('cat', (e, argv) => {
  if (argv.length === 1) return ok(e.stdin);
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const f of argv.slice(1)) {
    const content = e.files.get(f);
    if (content !== undefined) stdout += content;
    else {
      stderr += `cat: ${f}: ${listDir(e, f) ? 'Is a directory' : 'No such file or directory'}\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
});
registerExecTool('ls', (e, argv) => {
  const paths = argv.slice(1).filter((a) => !a.startsWith('-'));
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const p of paths.length ? paths : ['/']) {
    if (e.files.has(p)) {
      stdout += `${p}\n`;
      continue;
    }
    const entries = listDir(e, p);
    if (!entries) {
      stderr += `ls: cannot access '${p}': No such file or directory\n`;
      exitCode = 2;
      continue;
    }
    if (paths.length > 1) stdout += `${p}:\n`;
    stdout += entries.map((x) => x + '\n').join('');
  }
  return { stdout, stderr, exitCode };
});
