/**
 * Regenerates the Kubernetes v1.36 JSON Schemas in src/schemas/ (committed; not run at install or test time).
 *
 *   npx tsx scripts/gen-schemas.ts [--from <dir with dist/gen/models>]
 *
 * Where the schemas come from: no npm package ships Kubernetes JSON Schemas, but
 * @kubernetes/client-node 2.0.1 is generated from the release-1.36 OpenAPI spec. This script runs
 * `npm pack @kubernetes/client-node@2.0.1` into a temporary directory (the package is not a
 * dependency of Podscape), unpacks it and reads dist/gen/models/:
 *   - <Model>.js: `attributeTypeMap = [{ name, baseName, type, format }]`, where type is "string",
 *     "number", "boolean", "Date", "any", "IntOrString", "Array<X>", "{ [key: string]: X; }" or a
 *     model name such as "V1PodSpec";
 *   - <Model>.d.ts: the JSDoc of the class (the type's description) and of each property; a
 *     property declared without `?` is required.
 *
 * What it writes (draft-07 JSON Schema, definitions keyed by the client's model names):
 *   - kubernetes-v1.36.json: the structure (types, formats, required, enums, group/version/kind of
 *     each top-level kind). The engine's validator loads only this.
 *   - kubernetes-v1.36.descriptions.json: { model: { "": type description, field: description } },
 *     merged back by withDescriptions() (src/schemas/index.ts) for the editor's hover docs.
 *
 * What the client's types lose, restored here:
 *   - Quantities (resource.Quantity) are strings in the client; Kubernetes accepts a JSON number
 *     or string, so they get type [string, number] and format "quantity" (QUANTITY_FIELDS below).
 *   - IntOrString becomes type [integer, string], format "int-or-string".
 *   - Date (metav1.Time) becomes a date-time string; null is allowed because `kubectl create
 *     --dry-run -o yaml` writes `creationTimestamp: null` and the API server accepts it.
 *   - V1MicroTime (metav1.MicroTime, no model of its own) is a date-time string like Date.
 *   - "any" (RawExtension, apiextensions JSON) accepts anything.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { KINDS } from '../src/engine/api/kinds';

const CLIENT_PACKAGE = '@kubernetes/client-node@2.0.1';
const OUT_DIR = resolve(import.meta.dirname, '../src/schemas');
export const STRUCTURE_FILE = 'kubernetes-v1.36.json';
export const DESCRIPTIONS_FILE = 'kubernetes-v1.36.descriptions.json';

/**
 * Fields of type resource.Quantity (or maps/lists of it) in the kinds Podscape serves. The client
 * types them as plain strings. Source: the Go types (k8s.io/api .../types.go), cross-checked with
 * the `Quantity` references in kubernetes-types 1.30 and, for fields added since (pod-level
 * resources, DRA v1 capacity), with the v1.36 types.
 */
export const QUANTITY_FIELDS: Record<string, string[]> = {
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1ContainerStatus: ['allocatedResources'],
  V1PodStatus: ['allocatedResources'],
  V1PodSpec: ['overhead'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1ResourceFieldSelector: ['divisor'],
  V1LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  V1NodeStatus: ['allocatable', 'capacity'],
  V1PersistentVolumeSpec: ['capacity'],
  V1PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  V1Overhead: ['podFixed'],
  V2MetricTarget: ['averageValue', 'value'],
  V2MetricValueStatus: ['averageValue', 'value'],
  V1NodeAllocatableResourceClaimStatus: ['resources'],
  V1DeviceCapacity: ['value'],
  V1Counter: ['value'],
  V1CapacityRequestPolicy: ['default', 'validValues'],
  V1CapacityRequestPolicyRange: ['max', 'min', 'step'],
  V1CapacityRequirements: ['requests'],
  V1DeviceRequestAllocationResult: ['consumedCapacity'],
  V1NodeAllocatableResourceMapping: ['allocationMultiplier'],
};

/**
 * Enums for fields whose values the editor should complete. Upstream descriptions carry
 * "Possible enum values:" lists that parseEnum() turns into enums, but client-node 2.0.1 strips
 * them; these are the same lists for the fields learners type most (k8s.io/api core/v1, apps/v1,
 * batch/v1, networking/v1 constants). The engine's validator ignores enums: an unsupported value is
 * the server's validation error ("Unsupported value"), not a decoding one.
 */
export const ENUM_FIELDS: Record<string, Record<string, string[]>> = {
  V1Container: { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['FallbackToLogsOnError', 'File'] },
  V1PodSpec: { restartPolicy: ['Always', 'Never', 'OnFailure'], dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] },
  V1ServiceSpec: {
    type: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
  },
  V1ContainerPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  V1ServicePort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  V1DeploymentStrategy: { type: ['Recreate', 'RollingUpdate'] },
  V1DaemonSetUpdateStrategy: { type: ['OnDelete', 'RollingUpdate'] },
  V1StatefulSetUpdateStrategy: { type: ['OnDelete', 'RollingUpdate'] },
  V1StatefulSetSpec: { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  V1CronJobSpec: { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  V1Taint: { effect: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] },
  V1Toleration: { effect: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] },
  V1PersistentVolumeSpec: { persistentVolumeReclaimPolicy: ['Delete', 'Recycle', 'Retain'] },
  V1HTTPIngressPath: { pathType: ['Exact', 'ImplementationSpecific', 'Prefix'] },
};

/** Properties dropped from the schema: JSON-Schema keywords as property names confuse schema tools ($ref resolution). */
const KEYWORD_PROPERTIES: Record<string, string[]> = { V1JSONSchemaProps: ['$ref', '$schema'] };

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

interface Model {
  name: string;
  attributes: Attribute[];
  description?: string;
  propertyDocs: Map<string, { description?: string; required: boolean }>;
}

type Schema = Record<string, unknown>;

function fetchClient(): { dir: string; cleanup: () => void } {
  const from = process.argv.indexOf('--from');
  if (from > 0) return { dir: resolve(process.argv[from + 1]), cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'podscape-schemas-'));
  execFileSync('npm', ['pack', CLIENT_PACKAGE, '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${CLIENT_PACKAGE} produced no tarball`);
  execFileSync('tar', ['xzf', join(tmp, tgz), '-C', tmp]);
  return { dir: join(tmp, 'package'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** The generator escapes quotes in descriptions (\" and \'); descriptions are plain text. */
function unescapeDoc(s: string): string {
  return s.replace(/\\(["'\\])/g, '$1').trim();
}

function parseDts(text: string): { description?: string; props: Map<string, { description?: string; required: boolean }> } {
  const lines = text.split('\n');
  const props = new Map<string, { description?: string; required: boolean }>();
  let description: string | undefined;
  let doc: string[] | undefined;
  let pending: string | undefined;
  let inClass = false;
  for (const line of lines) {
    const t = line.trim();
    if (t === '/**') {
      doc = [];
      continue;
    }
    if (doc && t === '*/') {
      pending = unescapeDoc(doc.join('\n'));
      doc = undefined;
      continue;
    }
    if (doc) {
      doc.push(t.replace(/^\* ?/, ''));
      continue;
    }
    if (t.startsWith('export declare class ')) {
      inClass = true;
      description = pending;
      pending = undefined;
      continue;
    }
    const m = inClass ? /^ {4}'([^']+)'(\?)?:/.exec(line) : null;
    if (m) {
      props.set(m[1], { description: pending || undefined, required: m[2] !== '?' });
      pending = undefined;
    } else if (t !== '') pending = undefined;
  }
  return { description: description || undefined, props };
}

function loadModels(dir: string): Map<string, Model> {
  const modelsDir = join(dir, 'dist/gen/models');
  const models = new Map<string, Model>();
  for (const f of readdirSync(modelsDir)) {
    if (!f.endsWith('.js') || f === 'ObjectSerializer.js' || f === 'all.js') continue;
    const js = readFileSync(join(modelsDir, f), 'utf8');
    const m = /\.attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
    if (!m) continue;
    const name = f.slice(0, -3);
    const dtsPath = join(modelsDir, `${name}.d.ts`);
    const dts = existsSync(dtsPath) ? parseDts(readFileSync(dtsPath, 'utf8')) : { description: undefined, props: new Map() };
    models.set(name, { name, attributes: JSON.parse(m[1]) as Attribute[], description: dts.description, propertyDocs: dts.props });
  }
  return models;
}

/** "Possible enum values:\n - `"Always"` means …" lists, as upstream descriptions carry them. */
export function parseEnum(description: string | undefined): string[] | undefined {
  if (!description) return undefined;
  const i = description.indexOf('Possible enum values:');
  if (i < 0) return undefined;
  const values = [...description.slice(i).matchAll(/- `"([^"`]*)"`/g)].map((m) => m[1]);
  return values.length ? values : undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The client's model for kind K in group G, version V: "AppsV1Deployment"-style names win over "V1Deployment". */
function modelForKind(models: Map<string, Model>, group: string, version: string, kind: string): string {
  const prefix = group === '' ? 'Core' : capitalize(group.split('.')[0]);
  for (const candidate of [`${prefix}${capitalize(version)}${kind}`, `${capitalize(version)}${kind}`]) {
    const model = models.get(candidate);
    if (model && model.attributes.some((a) => a.baseName === 'kind') && model.attributes.some((a) => a.baseName === 'metadata')) return candidate;
  }
  throw new Error(`no client model for ${group || 'core'}/${version} ${kind}`);
}

class Generator {
  readonly definitions = new Map<string, Schema>();
  readonly descriptions = new Map<string, Record<string, string>>();
  private readonly queue: string[] = [];

  constructor(private readonly models: Map<string, Model>) {
    for (const [model, fields] of Object.entries(QUANTITY_FIELDS)) this.checkFields(model, fields, 'QUANTITY_FIELDS');
    for (const [model, fields] of Object.entries(ENUM_FIELDS)) this.checkFields(model, Object.keys(fields), 'ENUM_FIELDS');
  }

  private checkFields(model: string, fields: string[], list: string): void {
    const m = this.models.get(model);
    if (!m) throw new Error(`${list}: no model ${model}`);
    for (const f of fields) if (!m.attributes.some((a) => a.baseName === f)) throw new Error(`${list}: ${model} has no field ${f}`);
  }

  ref(model: string): Schema {
    if (!this.models.has(model)) throw new Error(`unknown model ${model}`);
    if (!this.definitions.has(model) && !this.queue.includes(model)) this.queue.push(model);
    return { $ref: `#/definitions/${model}` };
  }

  drain(): void {
    while (this.queue.length) {
      const name = this.queue.shift()!;
      if (!this.definitions.has(name)) this.definitions.set(name, this.build(this.models.get(name)!));
    }
  }

  private build(model: Model): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    const docs: Record<string, string> = {};
    if (model.description) docs[''] = model.description;
    const quantities = new Set(QUANTITY_FIELDS[model.name] ?? []);
    const enums = ENUM_FIELDS[model.name] ?? {};
    const dropped = new Set(KEYWORD_PROPERTIES[model.name] ?? []);
    for (const a of [...model.attributes].sort((x, y) => (x.baseName < y.baseName ? -1 : 1))) {
      if (dropped.has(a.baseName)) continue;
      const doc = model.propertyDocs.get(a.name);
      const schema = this.typeSchema(a.type, a.format, quantities.has(a.baseName));
      const values = enums[a.baseName] ?? parseEnum(doc?.description);
      if (values) {
        if (schema.type === 'string') schema.enum = values;
        else if (schema.type === 'array') (schema.items as Schema).enum = values;
      }
      properties[a.baseName] = schema;
      if (doc?.required) required.push(a.baseName);
      if (doc?.description) docs[a.baseName] = doc.description;
    }
    if (model.name === 'V1ObjectMeta') {
      // labels and annotations are map[string]string: stated explicitly for the editor.
      properties.labels = { type: 'object', additionalProperties: { type: 'string' } };
      properties.annotations = { type: 'object', additionalProperties: { type: 'string' } };
    }
    const out: Schema = { type: 'object', properties };
    if (dropped.size) out.patternProperties = { [`^\\$(${[...dropped].map((d) => d.slice(1)).join('|')})$`]: { type: 'string' } };
    if (required.length) out.required = required;
    out.additionalProperties = false;
    if (Object.keys(docs).length) this.descriptions.set(model.name, docs);
    return out;
  }

  private typeSchema(type: string, format: string, quantity: boolean): Schema {
    const arr = /^Array<(.+)>$/.exec(type);
    if (arr) return { type: 'array', items: this.typeSchema(arr[1], format, quantity) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: this.typeSchema(map[1], format, quantity) };
    if (quantity) {
      if (type !== 'string') throw new Error(`quantity field of type ${type}`);
      return { type: ['string', 'number'], format: 'quantity' };
    }
    switch (type) {
      case 'string':
        return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
      case 'boolean':
        return { type: 'boolean' };
      case 'number':
        if (format === 'int32' || format === 'int64') return { type: 'integer', format };
        if (format === 'double') return { type: 'number', format: 'double' };
        throw new Error(`number with format "${format}"`);
      case 'Date':
      case 'V1MicroTime': // metav1.MicroTime (Lease renewTime, Event eventTime): an RFC 3339 string with microseconds
        return { type: ['string', 'null'], format: 'date-time' };
      case 'IntOrString':
        return { type: ['integer', 'string'], format: 'int-or-string' };
      case 'any':
        return {};
      default:
        return this.ref(type);
    }
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function size(text: string): string {
  const raw = Buffer.byteLength(text);
  const gz = gzipSync(text, { level: 9 }).length;
  return `${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip`;
}

function main(): void {
  const { dir, cleanup } = fetchClient();
  try {
    const models = loadModels(dir);
    const gen = new Generator(models);
    const roots: { model: string; group: string; version: string; kind: string }[] = [];
    for (const info of KINDS) {
      for (const version of info.versions) {
        const model = modelForKind(models, info.group, version, info.kind);
        roots.push({ model, group: info.group, version, kind: info.kind });
        gen.ref(model);
      }
    }
    gen.drain();
    for (const r of roots) {
      const def = gen.definitions.get(r.model)!;
      const props = def.properties as Record<string, Schema>;
      props.apiVersion = { ...props.apiVersion, enum: [r.group ? `${r.group}/${r.version}` : r.version] };
      props.kind = { ...props.kind, enum: [r.kind] };
      def['x-kubernetes-group-version-kind'] = [{ group: r.group, kind: r.kind, version: r.version }];
    }
    const kindRefs = roots.map((r) => ({ $ref: `#/definitions/${r.model}` }));
    gen.definitions.set('List', {
      type: 'object',
      properties: {
        apiVersion: { type: 'string', enum: ['v1'] },
        kind: { type: 'string', enum: ['List'] },
        metadata: { type: 'object' },
        items: { type: 'array', items: { anyOf: kindRefs } },
      },
      required: ['items'],
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'List', version: 'v1' }],
    });
    gen.descriptions.set('List', { '': 'A list of objects, as `kubectl get -o yaml` prints them; kubectl apply applies each item.' });

    const definitions: Record<string, Schema> = {};
    for (const k of [...gen.definitions.keys()].sort()) definitions[k] = gen.definitions.get(k)!;
    const structure = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $comment: `Kubernetes v1.36 objects, generated by scripts/gen-schemas.ts from ${CLIENT_PACKAGE} (OpenAPI release-1.36). Descriptions: ${DESCRIPTIONS_FILE}.`,
      anyOf: [...kindRefs, { $ref: '#/definitions/List' }],
      definitions: sortKeys(definitions),
    };
    const descriptions: Record<string, Record<string, string>> = {};
    for (const k of [...gen.descriptions.keys()].sort()) descriptions[k] = sortKeys(gen.descriptions.get(k)!) as Record<string, string>;

    const structureText = JSON.stringify(structure) + '\n';
    const descriptionsText = JSON.stringify(descriptions) + '\n';
    writeFileSync(join(OUT_DIR, STRUCTURE_FILE), structureText);
    writeFileSync(join(OUT_DIR, DESCRIPTIONS_FILE), descriptionsText);
    console.log(`${roots.length} kinds, ${Object.keys(definitions).length} definitions`);
    console.log(`${STRUCTURE_FILE}: ${size(structureText)}`);
    console.log(`${DESCRIPTIONS_FILE}: ${size(descriptionsText)}`);
  } finally {
    cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
