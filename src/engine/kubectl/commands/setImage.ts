import type { KObject } from '../../api/object';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { fail } from '../errors';
import { dryRunFlag, dryRunOf, printObj, selectObjects } from './common';
import { podSpecOf } from './podSpecOf';
import { setEnvCommand } from './setEnv';
import { setResourcesCommand } from './setResources';

function run(ctx: CommandContext): void {
  const resources = ctx.args.filter((a) => !a.includes('='));
  const images = ctx.args.filter((a) => a.includes('='));
  if (images.length === 0) throw fail('at least one image update is required');
  const firstImage = ctx.args.findIndex((a) => a.includes('='));
  if (ctx.args.slice(firstImage).some((a) => !a.includes('='))) throw fail(`all resources must be specified before image changes: ${ctx.args.slice(firstImage).find((a) => !a.includes('='))}`);
  const updates = images.map((s) => {
    const eq = s.indexOf('=');
    return { name: s.slice(0, eq), image: s.slice(eq + 1) };
  });
  const dryRun = dryRunOf(ctx);
  for (const obj of selectObjects(ctx, resources)) {
    const spec = podSpecOf(obj);
    if (!spec) throw fail(`cannot set image on ${obj.kind.toLowerCase()}/${obj.metadata.name}: no pod template`);
    const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    for (const u of updates) if (u.name !== '*' && !all.some((c) => c.name === u.name)) throw fail(`unable to find container named "${u.name}"`);
    let updated: KObject = obj;
    if (dryRun !== 'client') {
      updated = ctx.api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, (d: any) => {
        const s = podSpecOf(d)!;
        for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) {
          for (const u of updates) if (u.name === '*' || u.name === c.name) c.image = u.image;
        }
      });
    }
    printObj(ctx, updated, 'image updated', dryRun);
  }
}

export const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  usage: 'set SUBCOMMAND [options]',
  subcommands: [
    {
      name: 'image',
      short: 'Update the image of a pod template',
      usage: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
      flags: [flag('selector', 'string', { short: 'l' }), flag('all', 'bool'), flag('output', 'string', { short: 'o' }), flag('record', 'bool'), dryRunFlag],
      run,
    },
    setEnvCommand,
    setResourcesCommand,
  ],
};
