import { apiVersionOf, KINDS } from '../../api/kinds';
import { KUBERNETES_VERSION } from '../../config';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { toGoJson } from '../format/goJson';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import { toYaml } from '../format/yaml';
import { CONTEXT_NAME, hostState, SERVER_URL } from '../hostState';

function versionInfo() {
  const [major, minor] = KUBERNETES_VERSION.replace(/^v/, '').split('.');
  return { major, minor, gitVersion: KUBERNETES_VERSION, goVersion: 'go1.25', compiler: 'gc', platform: 'linux/amd64' };
}

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  usage: 'version [flags] [options]',
  flags: [flag('client', 'bool'), flag('output', 'string', { short: 'o' })],
  run(ctx) {
    const info = versionInfo();
    const client = ctx.bool('client');
    const o = ctx.str('output');
    if (o === 'json' || o === 'yaml') {
      const doc = client ? { clientVersion: info } : { clientVersion: info, serverVersion: info };
      ctx.print(o === 'json' ? toGoJson(doc, '  ') + '\n' : toYaml(doc));
      return;
    }
    if (o) throw fail(`--output must be 'yaml' or 'json'`);
    ctx.println(`Client Version: ${info.gitVersion}`);
    if (!client) ctx.println(`Server Version: ${info.gitVersion}`);
  },
};

const VERBS = '[create delete deletecollection get list patch update watch]';

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  usage: 'api-resources [flags] [options]',
  flags: [flag('namespaced', 'bool', { default: true }), flag('api-group', 'string'), flag('output', 'string', { short: 'o' }), flag('no-headers', 'bool')],
  run(ctx) {
    let list = [...KINDS];
    if (ctx.changed('namespaced')) list = list.filter((k) => k.namespaced === ctx.bool('namespaced'));
    if (ctx.changed('api-group')) list = list.filter((k) => k.group === ctx.str('api-group'));
    const o = ctx.str('output');
    if (o === 'name') {
      for (const k of list) ctx.println(k.group ? `${k.plural}.${k.group}` : k.plural);
      return;
    }
    if (o && o !== 'wide') throw fail(`--output ${o} is not available`);
    const wide = o === 'wide';
    let text = ctx.bool('no-headers') ? '' : `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
    for (const k of list) {
      text += `${k.plural}\t${k.shortNames.join(',')}\t${apiVersionOf(k)}\t${k.namespaced}\t${k.kind}`;
      if (wide) text += `\t${VERBS}\t${k.inAll ? 'all' : ''}`;
      text += '\n';
    }
    ctx.print(tabwrite(text, GET_TABWRITER));
  },
};

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  usage: 'cluster-info [flags] [options]',
  run(ctx) {
    ctx.println(`Kubernetes control plane is running at ${SERVER_URL}`);
    const services = ctx.api.list('Service', 'kube-system').filter((s) => s.metadata.labels?.['kubernetes.io/cluster-service'] === 'true');
    for (const s of services.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      const name = s.metadata.labels?.['kubernetes.io/name'] || s.metadata.name;
      const port = s.spec?.ports?.[0]?.name ? `:${s.spec.ports[0].name}` : '';
      ctx.println(`${name} is running at ${SERVER_URL}/api/v1/namespaces/kube-system/services/${s.metadata.name}${port}/proxy`);
    }
    ctx.println('');
    ctx.println("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
  },
};

function kubeconfig(ctx: CommandContext) {
  const ns = hostState(ctx.host).namespace;
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: SERVER_URL }, name: CONTEXT_NAME }],
    contexts: [{ context: { cluster: CONTEXT_NAME, ...(ns !== 'default' ? { namespace: ns } : {}), user: CONTEXT_NAME }, name: CONTEXT_NAME }],
    'current-context': CONTEXT_NAME,
    kind: 'Config',
    preferences: {},
    users: [{ name: CONTEXT_NAME, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  usage: 'config SUBCOMMAND [options]',
  subcommands: [
    { name: 'current-context', short: 'Display the current-context', usage: 'config current-context [options]', run: (ctx) => ctx.println(CONTEXT_NAME) },
    {
      name: 'get-contexts',
      short: 'Describe one or many contexts',
      usage: 'config get-contexts [(-o|--output=)name)] [options]',
      flags: [flag('output', 'string', { short: 'o' }), flag('no-headers', 'bool')],
      run(ctx) {
        if (ctx.str('output') === 'name') return ctx.println(CONTEXT_NAME);
        const ns = hostState(ctx.host).namespace;
        const head = ctx.bool('no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
        ctx.print(tabwrite(`${head}*\t${CONTEXT_NAME}\t${CONTEXT_NAME}\t${CONTEXT_NAME}\t${ns === 'default' ? '' : ns}\n`, GET_TABWRITER));
      },
    },
    {
      name: 'view',
      short: 'Display merged kubeconfig settings or a specified kubeconfig file',
      usage: 'config view [flags] [options]',
      flags: [flag('output', 'string', { short: 'o' }), flag('minify', 'bool'), flag('raw', 'bool')],
      run(ctx) {
        const o = ctx.str('output');
        ctx.print(o === 'json' ? toGoJson(kubeconfig(ctx), '    ') + '\n' : toYaml(kubeconfig(ctx)));
      },
    },
    {
      name: 'set-context',
      short: 'Set a context entry in kubeconfig',
      usage: 'config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
      flags: [flag('current', 'bool')],
      run(ctx) {
        const name = ctx.bool('current') ? CONTEXT_NAME : ctx.args[0];
        if (!name) throw fail('you must specify a non-empty context name or --current');
        if (name !== CONTEXT_NAME) throw fail(`only the context "${CONTEXT_NAME}" exists in this simulator`);
        if (ctx.changed('namespace')) hostState(ctx.host).namespace = ctx.str('namespace') || 'default';
        ctx.println(`Context "${name}" modified.`);
      },
    },
    {
      name: 'use-context',
      short: 'Set the current-context in a kubeconfig file',
      usage: 'config use-context CONTEXT_NAME [options]',
      run(ctx) {
        if (ctx.args[0] !== CONTEXT_NAME) throw fail(`no context exists with the name: "${ctx.args[0] ?? ''}"`);
        ctx.println(`Switched to context "${CONTEXT_NAME}".`);
      },
    },
  ],
};
