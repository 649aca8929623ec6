import { groupResource, kindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { rfc3339 } from '../../time';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { viewHistory } from '../rollout/history';
import { rolloutStatus } from '../rollout/status';
import { rollback } from '../rollout/undo';
import { dryRunFlag, dryRunOf, durationFlag, objName, printObj, selectObjects } from './common';

function targets(ctx: CommandContext): KObject[] {
  if (ctx.args.length === 0) throw fail('required resource not specified');
  return selectObjects(ctx, ctx.args);
}

/** kubectl's --timeout=0 waits for ever; a simulated wait gives up after ten minutes, as drain does. */
const STATUS_CAP_MS = 10 * 60 * 1000;

/**
 * rollout status: with --watch (the default) kubectl prints the status for the object as listed
 * and again on every change the watch delivers, until the rollout is done, and blocks meanwhile;
 * simulated time runs while it waits, as it would while the terminal waits.
 */
function status(ctx: CommandContext): void {
  const objs = targets(ctx);
  const revision = ctx.int('revision') ?? 0;
  const timeout = durationFlag(ctx, 'timeout', '0s');
  for (const obj of objs) {
    const first = rolloutStatus(obj, revision);
    ctx.println(first.message);
    if (first.done || !ctx.bool('watch')) continue;
    const deadline = ctx.now + (timeout > 0 ? timeout : STATUS_CAP_MS);
    let done = false;
    let gone = false;
    let failure: unknown;
    const stop = ctx.api.watch(obj.kind, (ev) => {
      if (done || gone || failure || ev.object.metadata.name !== obj.metadata.name || ev.object.metadata.namespace !== obj.metadata.namespace) return;
      if (ev.type === 'DELETED') {
        gone = true;
        return;
      }
      try {
        const s = rolloutStatus(ev.object, revision);
        ctx.println(s.message);
        done = s.done;
      } catch (e) {
        failure = e;
      }
    });
    try {
      while (!done && !gone && !failure && ctx.now < deadline) ctx.cluster.runFor(Math.min(1000, deadline - ctx.now));
    } finally {
      stop();
    }
    if (failure) throw failure;
    if (gone) throw fail('object has been deleted');
    if (!done) throw fail('timed out waiting for the condition');
  }
}

function history(ctx: CommandContext): void {
  const revision = ctx.int('revision') ?? 0;
  for (const obj of targets(ctx)) {
    const text = viewHistory(ctx.api, obj, revision);
    ctx.print(`${objName(obj)} ${revision > 0 ? `with revision #${revision}\n` : '\n'}${text}\n`);
  }
}

function undo(ctx: CommandContext): void {
  const dry = dryRunOf(ctx) === 'client';
  for (const obj of targets(ctx)) {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw fail(`no rollbacker has been implemented for "${obj.kind}"`);
    ctx.println(`${objName(obj)} ${rollback(ctx.api, obj, ctx.int('to-revision') ?? 0, dry)}`);
  }
}

function pauseResume(pause: boolean) {
  return (ctx: CommandContext) => {
    for (const obj of targets(ctx)) {
      const gr = groupResource(kindInfo(obj.kind)!);
      if (obj.kind !== 'Deployment') throw fail(`${gr} "${obj.metadata.name}" ${pause ? 'pausing' : 'resuming'} is not supported`);
      if ((obj.spec?.paused === true) === pause) throw fail(`${gr} "${obj.metadata.name}" ${pause ? 'is already paused' : 'is not paused'}`);
      const updated = ctx.api.patch('Deployment', obj.metadata.namespace, obj.metadata.name!, (d: any) => {
        if (pause) d.spec.paused = true;
        else delete d.spec.paused;
      });
      printObj(ctx, updated, pause ? 'paused' : 'resumed');
    }
  };
}

function restart(ctx: CommandContext): void {
  for (const obj of targets(ctx)) {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw fail(`restarting is not supported`);
    if (obj.spec?.paused) throw fail(`can't restart paused deployment (run rollout resume first)`);
    const at = rfc3339(ctx.now);
    const updated = ctx.api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, (d: any) => {
      d.spec.template.metadata ??= {};
      d.spec.template.metadata.annotations = { ...(d.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': at };
    });
    printObj(ctx, updated, 'restarted');
  }
}

const sel = [flag('selector', 'string', { short: 'l' }), flag('output', 'string', { short: 'o' })];

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'rollout SUBCOMMAND [options]',
  subcommands: [
    { name: 'history', short: 'View rollout history', usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]', flags: [...sel, flag('revision', 'int', { default: 0 })], run: history },
    { name: 'pause', short: 'Mark the provided resource as paused', usage: 'rollout pause RESOURCE [options]', flags: sel, run: pauseResume(true) },
    { name: 'restart', short: 'Restart a resource', usage: 'rollout restart RESOURCE [options]', flags: sel, run: restart },
    { name: 'resume', short: 'Resume a paused resource', usage: 'rollout resume RESOURCE [options]', flags: sel, run: pauseResume(false) },
    {
      name: 'status',
      short: 'Show the status of the rollout',
      usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
      flags: [...sel, flag('revision', 'int', { default: 0 }), flag('watch', 'bool', { short: 'w', default: true }), flag('timeout', 'string')],
      run: status,
    },
    { name: 'undo', short: 'Undo a previous rollout', usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]', flags: [...sel, flag('to-revision', 'int', { default: 0 }), dryRunFlag], run: undo },
  ],
};
