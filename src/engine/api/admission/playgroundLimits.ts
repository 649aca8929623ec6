/**
 * Podscape's own admission plugin, last in the chain: it refuses what would freeze a browser
 * tab (replica counts, pods and nodes beyond the playground's limits) with a message that says
 * why, instead of letting the simulation crawl.
 */
import type { AdmissionPlugin } from '../apiServer';
import type { PlaygroundLimits } from '../../config';
import { apiErr, fieldErr } from '../errors';
import { groupResource, kindInfo } from '../kinds';
import { qualifiedKind } from '../apiServer';

const WHY = 'in this playground (Podscape runs in your browser; the limit keeps the tab responsive)';

const REPLICA_FIELDS: Record<string, string[]> = {
  Deployment: ['replicas'],
  ReplicaSet: ['replicas'],
  ReplicationController: ['replicas'],
  StatefulSet: ['replicas'],
  Job: ['parallelism', 'completions'],
};

export function playgroundLimitsPlugin(limits: PlaygroundLimits): AdmissionPlugin {
  return {
    name: 'PlaygroundLimits',
    kinds: [...Object.keys(REPLICA_FIELDS), 'Pod', 'Node'],
    validate(op, obj, _old, ctx) {
      const fields = REPLICA_FIELDS[obj.kind];
      if (fields) {
        const errs = fields
          .filter((f) => typeof obj.spec?.[f] === 'number' && obj.spec[f] > limits.maxReplicas)
          .map((f) => fieldErr.invalid(`spec.${f}`, obj.spec[f], `must be no more than ${limits.maxReplicas} ${WHY}`));
        if (errs.length) throw apiErr.invalid(qualifiedKind(kindInfo(obj.kind)!), obj.metadata.name ?? '', errs);
        return;
      }
      if (op !== 'CREATE') return;
      const info = kindInfo(obj.kind)!;
      const max = obj.kind === 'Pod' ? limits.maxPods : limits.maxNodes;
      const count = ctx.api.store.count(obj.kind);
      if (count >= max) {
        const what = obj.kind === 'Pod' ? 'pods' : 'nodes';
        throw apiErr.forbidden(groupResource(info), obj.metadata.name ?? '', `the cluster already has ${count} ${what}, the most allowed ${WHY}`);
      }
    },
  };
}
