import type { KindInfo } from '../api/kinds';
import type { KObject } from '../api/object';

/** One input file: its name as the user knows it ("web.yaml", "-", "editor") and its text. */
export interface ManifestFile {
  name: string;
  text: string;
}

/** A problem with a position, printed as "<file>:<line>:<col>: <message>" (1-based line and column). */
export interface ManifestProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatProblem(p: ManifestProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** One Kubernetes object read from a document (or a `kind: List` item), with where it came from. */
export interface LoadedObject {
  file: string;
  /** 0-based index of the YAML document in its file. */
  docIndex: number;
  line: number;
  col: number;
  /** The object as the API server decodes it (null-valued fields dropped). */
  object: KObject;
  /** The document as written, nulls included: what kubectl records as last-applied-configuration. */
  manifest: KObject;
  info: KindInfo;
  /** Source position of a field path such as "spec.template.spec.containers[0].image" (nearest existing ancestor). */
  positionOf(path: string): { line: number; col: number };
}

export interface LoadResult {
  objects: LoadedObject[];
  problems: ManifestProblem[];
}

/** What `kubectl apply -f` did: one line per object ("deployment.apps/web created"), or the problems. */
export interface ApplyResult {
  /**
   * What kubectl prints, in order: "deployment.apps/web created", warnings, and (exit code 1)
   * the "Error from server (...)" line of an object the server refused while committing.
   */
  lines: string[];
  /** Every problem with its position; with exit code 1 the same refusals as in `lines`, positioned. */
  problems: ManifestProblem[];
  /** 0 when everything applied; 1 when the server refused something; 2 when the input is invalid. */
  exitCode: number;
}
