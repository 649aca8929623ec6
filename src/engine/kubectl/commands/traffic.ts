import type { Pod } from 'kubernetes-types/core/v1';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { getObject, resolveType } from '../resources';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import { networkOf } from '../../network/index';
import type { ClientStats } from '../../network/traffic';
import { parseUrl } from '../../network/url';

/** The playground's ceiling for one client (a browser tab routes every request). */
const MAX_RPS = 5000;

function network(ctx: CommandContext) {
  const n = networkOf(ctx.api);
  if (!n) throw fail('the cluster network is not running');
  return n;
}

function describeFrom(c: ClientStats): string {
  return c.from ?? 'outside';
}

function responses(c: ClientStats): string {
  const parts = Object.entries(c.responses).map(([k, n]) => `${k}:${n}`);
  return parts.length ? parts.join(' ') : '<none>';
}

function listClients(ctx: CommandContext): void {
  const clients = network(ctx).traffic.list();
  if (clients.length === 0) {
    ctx.println('No traffic clients.');
    return;
  }
  let text = 'ID\tFROM\tURL\tRATE\tSENT\tRESPONSES\tSTATUS\n';
  for (const c of clients) {
    const status = c.stoppedAt === undefined ? 'Running' : c.stopReason ? `Stopped (${c.stopReason})` : 'Stopped';
    text += `${c.id}\t${describeFrom(c)}\t${c.url}\t${c.rps}/s\t${c.sent}\t${responses(c)}\t${status}\n`;
  }
  ctx.print(tabwrite(text, GET_TABWRITER));
}

function start(ctx: CommandContext): void {
  if (ctx.args.length === 0) return listClients(ctx);
  if (ctx.args.length !== 2) throw fail('usage: traffic [--from POD] URL REQUESTS_PER_SECOND');
  const [url, rateText] = ctx.args;
  if (!parseUrl(url)) throw fail(`invalid URL "${url}": expected http://HOST[:PORT][/PATH]`);
  const rps = Number(rateText);
  if (!/^\d+(\.\d+)?$/.test(rateText) || !(rps > 0)) throw fail(`invalid requests per second "${rateText}": must be a positive number`);
  if (rps > MAX_RPS) throw fail(`${rps} requests per second is more than this playground routes (at most ${MAX_RPS} per client)`);
  const fromText = ctx.str('from');
  let from: { namespace: string; name: string } | undefined;
  if (fromText) {
    let ns = ctx.namespace;
    let name = fromText.replace(/^(pod|pods|po)\//, '');
    if (name.includes('/')) [ns, name] = name.split('/', 2);
    const pod = getObject(ctx.api, resolveType('pod'), ns, name) as Pod;
    if (pod.status?.phase !== 'Running') throw fail(`pod ${name} is not running (${pod.status?.phase ?? 'Pending'}): traffic needs a running container to send from`);
    from = { namespace: ns, name };
  }
  const c = network(ctx).traffic.start(url, rps, from);
  ctx.println(`traffic client ${c.id} started: ${rps} requests/s to ${url} from ${from ? `pod ${from.namespace}/${from.name}` : 'outside the cluster'}`);
}

function stop(ctx: CommandContext): void {
  const id = ctx.args[0];
  if (id !== undefined && !/^\d+$/.test(id)) throw fail(`invalid traffic client id "${id}"`);
  const net = network(ctx);
  if (id !== undefined && !net.traffic.list().some((c) => c.id === Number(id))) throw fail(`traffic client ${id} not found`);
  const n = net.traffic.stop(id === undefined ? undefined : Number(id));
  ctx.println(n === 0 ? 'No traffic clients running.' : `traffic stopped (${n} client${n === 1 ? '' : 's'})`);
}

/**
 * The simulator's steady request clients (contracts §2): `traffic URL RPS` from outside the
 * cluster, `traffic --from POD URL RPS` from inside a pod, `traffic` to list them, and
 * `traffic stop [ID]`.
 */
export const trafficCommand: Command = {
  name: 'traffic',
  short: 'Send steady HTTP requests into the cluster and watch where they go',
  usage: 'traffic [--from POD] URL REQUESTS_PER_SECOND | traffic | traffic stop [ID]',
  flags: [flag('from', 'string')],
  subcommands: [
    { name: 'stop', short: 'Stop traffic clients (all, or one by id)', usage: 'traffic stop [ID]', run: stop },
    { name: 'list', short: 'List traffic clients and what they received', usage: 'traffic list', run: listClients },
  ],
  run: start,
};
