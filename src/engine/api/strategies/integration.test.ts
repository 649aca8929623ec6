import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';

describe('the registry inside a running cluster', () => {
  it('lets the control plane run a Deployment and a Service without internal errors', () => {
    const t = testCluster()
      .apply(
        `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.25", ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`,
      )
      .settle('2m');
    t.expectNoInternalErrors();
    expect(t.get('Service', 'web')!.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    // Every pod the controllers create went through the same defaults and admission.
    expect(t.pods({ selector: 'app=web' })).toHaveLength(2);
    for (const p of t.pods({ selector: 'app=web' })) {
      expect(p.spec.tolerations).toHaveLength(2);
      expect(p.status.qosClass).toBe('BestEffort');
    }
  });
});
