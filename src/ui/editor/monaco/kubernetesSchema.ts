import { withDescriptions, type JsonSchema } from '../../../schemas';

/** Where hovers say the documentation comes from; never fetched (schema requests are off). */
export const SCHEMA_URI = 'https://podscape.local/schemas/kubernetes-v1.36.json';

/**
 * The Kubernetes v1.36 schema with field descriptions, for completion, hover and live markers.
 * Its root is `anyOf` every kind, each with `apiVersion`/`kind` enums, so the YAML language
 * service matches each document of a multi-document file to its own kind. Both JSON files are
 * loaded on demand, after the page is interactive (together ~600 KB before compression).
 */
export async function loadKubernetesSchema(): Promise<JsonSchema> {
  const [structure, descriptions] = await Promise.all([import('../../../schemas/kubernetes-v1.36.json'), import('../../../schemas/kubernetes-v1.36.descriptions.json')]);
  return withDescriptions(structure.default as JsonSchema, descriptions.default as Record<string, Record<string, string>>);
}
