import type { ApiServer } from '../../api/apiServer';
import { BY_CONTROLLER } from '../../api/indexes';
import type { KObject } from '../../api/object';
import { describePodTemplate } from '../describe/podTemplate';
import { RawPrefixWriter } from '../describe/writer';
import { fail } from '../errors';
import { DESCRIBE_TABWRITER, tabwrite } from '../format/tabwriter';
import { CHANGE_CAUSE_ANNOTATION, controlledReplicaSets, revisionOf } from './deploymentUtil';

export interface Revision {
  revision: number;
  template: any;
  changeCause?: string;
  /** The ReplicaSet or ControllerRevision that holds this revision. */
  source: KObject;
}

/** The revisions of a Deployment (its ReplicaSets) or of a DaemonSet/StatefulSet (its ControllerRevisions). */
export function revisionsOf(api: ApiServer, obj: KObject): Revision[] {
  const out = new Map<number, Revision>();
  if (obj.kind === 'Deployment') {
    for (const rs of controlledReplicaSets(api, obj)) {
      const v = revisionOf(rs);
      if (v === undefined) continue;
      out.set(v, { revision: v, template: rs.spec?.template, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION], source: rs });
    }
  } else {
    for (const cr of api.store.byIndex('ControllerRevision', BY_CONTROLLER, obj.metadata.uid!)) {
      const v = Number(cr.revision ?? 0);
      out.set(v, { revision: v, template: cr.data?.spec?.template, changeCause: cr.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION], source: cr });
    }
  }
  return [...out.values()].sort((a, b) => a.revision - b.revision);
}

/** printTemplate: DescribePodTemplate through a writer without a tabwriter (tabs stay tabs). */
export function printTemplate(template: any): string {
  const w = new RawPrefixWriter();
  describePodTemplate(template, w);
  return w.toString();
}

/** ViewHistory: the REVISION / CHANGE-CAUSE table, or one revision's pod template. */
export function viewHistory(api: ApiServer, obj: KObject, revision: number): string {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw fail(`no history viewer has been implemented for ${obj.kind}`);
  const revs = revisionsOf(api, obj);
  if (revs.length === 0) return 'No rollout history found.';
  if (revision > 0) {
    const r = revs.find((x) => x.revision === revision);
    if (!r) throw fail('unable to find the specified revision');
    const template = JSON.parse(JSON.stringify(r.template ?? {}));
    if (r.changeCause) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: r.changeCause } };
    return printTemplate(template);
  }
  let text = 'REVISION\tCHANGE-CAUSE\n';
  for (const r of revs) text += `${r.revision}\t${r.changeCause || '<none>'}\n`;
  return tabwrite(text, DESCRIBE_TABWRITER);
}
