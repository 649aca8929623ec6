import { kindInfo } from '../../api/kinds';
import type { KObject } from '../../api/object';
import { fail } from '../errors';
import { toGoJson } from '../format/goJson';
import { evalSteps, executeJsonPath, JsonPathError, parseJsonPath, printValue, relaxedTemplate } from '../format/jsonpath';
import { GET_TABWRITER, tabwrite } from '../format/tabwriter';
import { toYaml } from '../format/yaml';
import { kindSlashName } from '../resources';

export type OutputKind = 'table' | 'wide' | 'name' | 'yaml' | 'json' | 'jsonpath' | 'jsonpath-as-json' | 'custom-columns';

export interface OutputFormat {
  kind: OutputKind;
  /** The template of jsonpath / custom-columns. */
  arg?: string;
}

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parses -o: "yaml", "wide", "jsonpath={.x}", "custom-columns=NAME:.metadata.name". */
export function parseOutput(o: string | undefined): OutputFormat {
  if (o === undefined || o === '') return { kind: 'table' };
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? undefined : o.slice(eq + 1);
  switch (name) {
    case 'wide':
    case 'name':
    case 'yaml':
    case 'json':
      return { kind: name };
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'custom-columns':
      if (!arg) throw fail(`${name === 'custom-columns' ? 'custom-columns format specified but no custom columns given' : 'template format specified but no template given'}`);
      return { kind: name, arg };
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
    case 'jsonpath-file':
    case 'custom-columns-file':
      throw fail(`output format "${name}" is not supported in this simulator; use jsonpath or custom-columns`);
  }
  throw fail(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}

/** A List as kubectl wraps several objects for -o yaml/json. */
export function asList(objs: readonly KObject[]): KObject {
  return { apiVersion: 'v1', items: [...objs], kind: 'List', metadata: { resourceVersion: '' } } as unknown as KObject;
}

export function nameOf(obj: KObject): string {
  const info = kindInfo(obj.kind);
  return info ? kindSlashName(info, obj.metadata.name!) : `${obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/**
 * Prints objects in a non-table format. `single` is kubectl's "single item implied" (one
 * TYPE/NAME asked for): the object itself rather than a List.
 */
export function formatObjects(objs: readonly KObject[], format: OutputFormat, single: boolean): string {
  const data = single && objs.length === 1 ? objs[0] : asList(objs);
  switch (format.kind) {
    case 'name':
      return objs.map((o) => nameOf(o) + '\n').join('');
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toGoJson(data) + '\n';
    case 'jsonpath':
      try {
        return executeJsonPath(parseJsonPath(relaxedTemplate(format.arg!)), data);
      } catch (e) {
        if (e instanceof JsonPathError) throw fail(`error parsing jsonpath ${format.arg}, ${e.message}`);
        throw e;
      }
    case 'jsonpath-as-json': {
      const nodes = parseJsonPath(relaxedTemplate(format.arg!));
      const results: unknown[] = [];
      for (const n of nodes) if (n.t === 'path') results.push(...evalSteps([data], n.steps));
      return toGoJson(results) + '\n';
    }
    case 'custom-columns':
      return customColumns(objs, format.arg!);
  }
  throw new Error(`not a non-table format: ${format.kind}`);
}

/** -o custom-columns=HEADER:.path,...: one row per object, "<none>" where a path finds nothing. */
export function customColumns(objs: readonly KObject[], spec: string, noHeaders = false): string {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    if (i < 0) throw fail(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    return { header: c.slice(0, i), nodes: parseJsonPath(relaxedTemplate(c.slice(i + 1))) };
  });
  const lines: string[] = [];
  if (!noHeaders) lines.push(cols.map((c) => c.header).join('\t'));
  for (const o of objs) {
    lines.push(
      cols
        .map((c) => {
          const vals: unknown[] = [];
          for (const n of c.nodes) if (n.t === 'path') vals.push(...evalSteps([o], n.steps));
          return vals.length === 0 ? '<none>' : vals.map(printValue).join(',');
        })
        .join('\t'),
    );
  }
  return tabwrite(lines.join('\n') + '\n', GET_TABWRITER);
}
