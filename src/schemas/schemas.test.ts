import { describe, expect, it } from 'vitest';
import { KINDS } from '../engine/api/kinds';
import descriptions from './kubernetes-v1.36.descriptions.json';
import structureJson from './kubernetes-v1.36.json';
import { definitionsByGroupVersionKind, gvkKey, withDescriptions, type JsonSchema } from '.';

const structure = structureJson as unknown as JsonSchema;
const defs = structure.definitions!;
const byGvk = definitionsByGroupVersionKind(structure);

describe('the Kubernetes v1.36 schema', () => {
  it('covers every served version of every kind the cluster serves, tagged with its group/version/kind', () => {
    for (const info of KINDS) {
      for (const version of info.versions) {
        const name = byGvk.get(gvkKey(info.group, version, info.kind));
        expect(name, `${info.group}/${version} ${info.kind}`).toBeDefined();
        const def = defs[name!];
        expect(def['x-kubernetes-group-version-kind']).toEqual([{ group: info.group, version, kind: info.kind }]);
        expect(def.properties!.apiVersion.enum).toEqual([info.group ? `${info.group}/${version}` : version]);
        expect(def.properties!.kind.enum).toEqual([info.kind]);
      }
    }
  });

  it('holds both HorizontalPodAutoscaler versions with their own shapes', () => {
    const v2 = defs[byGvk.get('autoscaling/v2/HorizontalPodAutoscaler')!];
    const v1 = defs[byGvk.get('autoscaling/v1/HorizontalPodAutoscaler')!];
    expect(v2.properties!.spec.$ref).toBe('#/definitions/V2HorizontalPodAutoscalerSpec');
    expect(v1.properties!.spec.$ref).toBe('#/definitions/V1HorizontalPodAutoscalerSpec');
    expect(defs.V1HorizontalPodAutoscalerSpec.properties!.targetCPUUtilizationPercentage).toEqual({ type: 'integer', format: 'int32' });
  });

  it('resolves every $ref to a definition', () => {
    const refs: string[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.push(x);
          else visit(x);
        }
      }
    };
    visit(structure);
    expect(refs.length).toBeGreaterThan(500);
    for (const r of refs) expect(defs[r.replace('#/definitions/', '')], r).toBeDefined();
  });

  it('marks quantities as number-or-string, which the client types lose', () => {
    const quantity = { type: ['string', 'number'], format: 'quantity' };
    expect(defs.V1ResourceRequirements.properties!.limits).toEqual({ type: 'object', additionalProperties: quantity });
    expect(defs.V1EmptyDirVolumeSource.properties!.sizeLimit).toEqual(quantity);
    expect(defs.V1ResourceFieldSelector.properties!.divisor).toEqual(quantity);
    expect(defs.V1ResourceQuotaSpec.properties!.hard.additionalProperties).toEqual(quantity);
    expect(defs.V1LimitRangeItem.properties!.defaultRequest.additionalProperties).toEqual(quantity);
    expect(defs.V1PersistentVolumeSpec.properties!.capacity.additionalProperties).toEqual(quantity);
    expect(defs.V2MetricTarget.properties!.averageValue).toEqual(quantity);
    expect(defs.V1CapacityRequestPolicy.properties!.validValues).toEqual({ type: 'array', items: quantity });
  });

  it('types int-or-string, timestamps, free-form JSON and labels as Kubernetes reads them', () => {
    expect(defs.V1RollingUpdateDeployment.properties!.maxSurge).toEqual({ type: ['integer', 'string'], format: 'int-or-string' });
    expect(defs.V1ObjectMeta.properties!.creationTimestamp).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect(defs.V1ObjectMeta.properties!.labels).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(defs.V1ObjectMeta.properties!.annotations).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(defs.V1ControllerRevision.properties!.data).toEqual({});
    expect(defs.V1Secret.properties!.data).toEqual({ type: 'object', additionalProperties: { type: 'string', format: 'byte' } });
  });

  it('knows required fields and refuses unknown ones', () => {
    expect(defs.V1Container.required).toEqual(['name']);
    expect(defs.V1DeploymentSpec.required).toEqual(['selector', 'template']);
    expect(defs.V1Container.additionalProperties).toBe(false);
  });

  it('keeps descriptions out of the structure file', () => {
    const described = Object.entries(defs).filter(([, d]) => d.description !== undefined || Object.values(d.properties ?? {}).some((p) => p.description !== undefined));
    expect(described.map(([name]) => name)).toEqual([]);
  });

  it('merges descriptions back for hover docs', () => {
    const full = withDescriptions(structure, descriptions);
    const spec = full.definitions!.V1DeploymentSpec;
    expect(spec.description).toBe('DeploymentSpec is the specification of the desired behavior of the Deployment.');
    expect(spec.properties!.replicas.description).toMatch(/^Number of desired pods/);
    // client-node keeps no description on $ref-typed fields: hover shows the referenced type's.
    expect(spec.properties!.template).toEqual({ $ref: '#/definitions/V1PodTemplateSpec' });
    expect(full.definitions!.V1PodTemplateSpec.description).toMatch(/^PodTemplateSpec describes the data a pod should have/);
    // The structure it was built from is left as it was.
    expect(structure.definitions!.V1DeploymentSpec.description).toBeUndefined();
  });

  it('offers enums for the fields learners type most', () => {
    expect(defs.V1Container.properties!.imagePullPolicy.enum).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect(defs.V1ServiceSpec.properties!.type.enum).toEqual(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
  });
});
