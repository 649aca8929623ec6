import structure from '../../schemas/kubernetes-v1.36.json';
import { definitionsByGroupVersionKind, gvkKey, type JsonSchema } from '../../schemas';

/**
 * The structure schema compiled once into shapes the validator walks directly. Each shape knows
 * the Go type the API server decodes into, for its error messages ("of type int32",
 * "of type v1.DeploymentSpec", "of type []v1.Container").
 */
export type Shape =
  | StructShape
  | { kind: 'map'; go: string; values: Shape }
  | { kind: 'list'; go: string; items: Shape }
  | { kind: 'string' | 'bool' | 'float' | 'intstr' | 'quantity' | 'time' | 'bytes' | 'any'; go: string }
  | { kind: 'int'; go: 'int32' | 'int64'; min: number; max: number };

export interface StructShape {
  kind: 'struct';
  /** "v1.DeploymentSpec" */
  go: string;
  /** "DeploymentSpec": how encoding/json names the struct in "Go struct field DeploymentSpec.spec.replicas". */
  struct: string;
  fields: Map<string, Shape>;
  required: readonly string[];
  /** patternProperties: extra field names the struct knows ($ref and $schema in JSONSchemaProps). */
  extra?: { pattern: RegExp; shape: Shape };
}

const SCHEMA = structure as unknown as JsonSchema;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2 ** 63), max: 2 ** 63 };

/** "V1DeploymentSpec" → v1.DeploymentSpec; "CoreV1EndpointPort" → v1.EndpointPort; "V2MetricTarget" → v2.MetricTarget. */
export function goTypeOfDefinition(name: string): { pkg: string; struct: string } {
  const m = /^(?:[A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])/.exec(name);
  return m ? { pkg: m[1].toLowerCase(), struct: name.slice(m[0].length) } : { pkg: 'v1', struct: name };
}

class Compiler {
  private readonly structs = new Map<string, StructShape>();

  definition(name: string): StructShape {
    let s = this.structs.get(name);
    if (s) return s;
    const def = SCHEMA.definitions?.[name];
    if (!def) throw new Error(`schema has no definition ${name}`);
    const { pkg, struct } = goTypeOfDefinition(name);
    s = { kind: 'struct', go: `${pkg}.${struct}`, struct, fields: new Map(), required: def.required ?? [] };
    this.structs.set(name, s);
    for (const [field, prop] of Object.entries(def.properties ?? {})) s.fields.set(field, this.shape(prop));
    const [pattern, extra] = Object.entries(def.patternProperties ?? {})[0] ?? [];
    if (pattern && extra) s.extra = { pattern: new RegExp(pattern), shape: this.shape(extra) };
    return s;
  }

  private shape(p: JsonSchema): Shape {
    if (p.$ref) return this.definition(p.$ref.slice('#/definitions/'.length));
    const types = Array.isArray(p.type) ? p.type : p.type ? [p.type] : [];
    if (types.length === 0) return { kind: 'any', go: 'interface {}' };
    if (p.format === 'quantity') return { kind: 'quantity', go: 'resource.Quantity' };
    if (p.format === 'int-or-string') return { kind: 'intstr', go: 'intstr.IntOrString' };
    if (p.format === 'date-time') return { kind: 'time', go: 'v1.Time' };
    switch (types[0]) {
      case 'string':
        return p.format === 'byte' ? { kind: 'bytes', go: '[]uint8' } : { kind: 'string', go: 'string' };
      case 'boolean':
        return { kind: 'bool', go: 'bool' };
      case 'number':
        return { kind: 'float', go: 'float64' };
      case 'integer':
        return p.format === 'int32' ? { kind: 'int', go: 'int32', ...INT32 } : { kind: 'int', go: 'int64', ...INT64 };
      case 'array': {
        const items = p.items ? this.shape(p.items) : ({ kind: 'any', go: 'interface {}' } as Shape);
        return { kind: 'list', go: `[]${items.go}`, items };
      }
      case 'object': {
        const values = typeof p.additionalProperties === 'object' ? this.shape(p.additionalProperties) : ({ kind: 'any', go: 'interface {}' } as Shape);
        // map[ResourceName]resource.Quantity is the named type v1.ResourceList.
        return { kind: 'map', go: values.kind === 'quantity' ? 'v1.ResourceList' : `map[string]${values.go}`, values };
      }
      default:
        return { kind: 'any', go: 'interface {}' };
    }
  }
}

let compiled: { compiler: Compiler; byGvk: Map<string, string> } | undefined;

/** The shape of a served group/version/kind, compiled on first use and cached. */
export function shapeOfKind(group: string, version: string, kind: string): StructShape | undefined {
  compiled ??= { compiler: new Compiler(), byGvk: definitionsByGroupVersionKind(SCHEMA) };
  const name = compiled.byGvk.get(gvkKey(group, version, kind));
  return name ? compiled.compiler.definition(name) : undefined;
}

/** Every group/version/kind the schema covers ("apps/v1/Deployment"). */
export function schemaKinds(): string[] {
  return [...definitionsByGroupVersionKind(SCHEMA).keys()];
}
