import type { KObject } from '../../api/object';
import { fail } from '../errors';

/**
 * One check of `kubectl rollout status` (polymorphichelpers/rollout_status.go): the message for
 * the current state and whether the rollout is done. A deployment past its progress deadline
 * is an error.
 */
export function rolloutStatus(obj: KObject, revision = 0): { message: string; done: boolean } {
  const spec = obj.spec ?? {};
  const st = obj.status ?? {};
  const gen = obj.metadata.generation ?? 0;
  switch (obj.kind) {
    case 'Deployment': {
      if (revision > 0) {
        const rev = Number(obj.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
        if (rev !== revision) throw fail(`desired revision (${revision}) is different from the running revision (${rev})`);
      }
      if (gen > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
      const progressing = (st.conditions ?? []).find((c: any) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') throw fail(`deployment "${obj.metadata.name}" exceeded its progress deadline`);
      const want = spec.replicas ?? 1;
      const updated = st.updatedReplicas ?? 0;
      const total = st.replicas ?? 0;
      const available = st.availableReplicas ?? 0;
      const name = obj.metadata.name;
      if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
      if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`, done: false };
      if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false };
      return { message: `deployment "${name}" successfully rolled out`, done: true };
    }
    case 'DaemonSet': {
      if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw fail('rollout status is only available for RollingUpdate strategy type');
      if (gen > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
      const desired = st.desiredNumberScheduled ?? 0;
      const name = obj.metadata.name;
      if ((st.updatedNumberScheduled ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`, done: false };
      if ((st.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...`, done: false };
      return { message: `daemon set "${name}" successfully rolled out`, done: true };
    }
    case 'StatefulSet': {
      if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw fail('rollout status is only available for RollingUpdate strategy type');
      if (!st.observedGeneration || gen > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
      const want = spec.replicas ?? 1;
      if ((st.readyReplicas ?? 0) < want) return { message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...`, done: false };
      const ru = spec.updateStrategy?.rollingUpdate;
      if (ru) {
        if (ru.partition !== undefined && (st.updatedReplicas ?? 0) < want - ru.partition) {
          return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - ru.partition} new pods have been updated...`, done: false };
        }
        return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...`, done: true };
      }
      if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`, done: false };
      return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`, done: true };
    }
  }
  const group = obj.apiVersion.includes('/') ? '.' + obj.apiVersion.split('/')[0] : '';
  throw fail(`no status viewer has been implemented for ${obj.kind}${group}`);
}
