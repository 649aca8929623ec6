import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isDNS1123Subdomain } from '../api/validation/names';

/**
 * controller.GetPodFromTemplate: a pod with the template's labels, annotations, finalizers
 * and spec, owned by `ownerRef`, named "<prefix>-<5 random>" by the API server's generateName.
 * When "<prefix>-" is not a valid name prefix, the bare prefix is used (getPodsPrefix).
 */
export function podFromTemplate(template: PodTemplateSpec, namespace: string, prefix: string, ownerRef?: OwnerReference): Pod {
  const generateName = isDNS1123Subdomain(`${prefix}-`.replace(/-$/, '-a')).length === 0 ? `${prefix}-` : prefix;
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ...(ownerRef ? { ownerReferences: [ownerRef] } : {}),
    },
    spec: template.spec,
  };
  return pod;
}
