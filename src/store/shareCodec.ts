import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { DEFAULT_LIMITS } from '../engine/config';
import type { Scenario, ScenarioStep } from './scenario';

/**
 * Share links carry a scenario in the URL hash: "#v1/<lz-string>". The prefix names the
 * format; every version ever published keeps a decoder here, so old links keep opening.
 */
export const CURRENT_VERSION = 'v1';

const MAX_HASH_CHARS = 4 * 1024 * 1024;
const MAX_STEPS = 5_000;
const MAX_TIME_MS = 7 * 24 * 3600 * 1000;

export class ShareLinkError extends Error {}

export function encodeScenario(s: Scenario): string {
  const payload = { s: s.seed, w: s.workers, e: s.editorText, t: s.time, p: s.steps.map((x) => [x.time, x.kind === 'apply' ? 'a' : 'c', x.text]) };
  return `#${CURRENT_VERSION}/${compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

/** Decodes a location hash. Returns undefined for a hash that is not a share link at all. Throws ShareLinkError when it is one but damaged. */
export function decodeScenario(hash: string): Scenario | undefined {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const m = /^(v\d+)\/(.*)$/s.exec(h);
  if (!m) return undefined;
  if (h.length > MAX_HASH_CHARS) throw new ShareLinkError('The shared link is too long to be a Podscape scenario.');
  const decoder = DECODERS[m[1]];
  if (!decoder) throw new ShareLinkError(`This link was made by a newer Podscape (format ${m[1]}); it cannot be opened here.`);
  return decoder(m[2]);
}

const DECODERS: Record<string, (body: string) => Scenario> = {
  v1: (body) => {
    let json: string | null;
    try {
      json = decompressFromEncodedURIComponent(body);
    } catch {
      json = null;
    }
    if (!json) throw new ShareLinkError('The shared link is damaged: its data could not be decompressed.');
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw new ShareLinkError('The shared link is damaged: its data is not valid.');
    }
    return checkV1(raw);
  },
};

function checkV1(raw: unknown): Scenario {
  const bad = (what: string) => new ShareLinkError(`The shared link is damaged: ${what}.`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('it holds no scenario');
  const r = raw as Record<string, unknown>;
  const seed = r.s;
  const workers = r.w;
  const editorText = r.e;
  const time = r.t;
  const steps = r.p;
  if (!Number.isSafeInteger(seed)) throw bad('the seed is not a whole number');
  if (!Number.isSafeInteger(workers) || (workers as number) < 0 || (workers as number) > DEFAULT_LIMITS.maxNodes) throw bad('the node count is out of range');
  if (typeof editorText !== 'string' || editorText.length > DEFAULT_LIMITS.maxManifestBytes) throw bad('the editor text is missing or too large');
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > MAX_TIME_MS) throw bad('the time is out of range');
  if (!Array.isArray(steps) || steps.length > MAX_STEPS) throw bad('the steps are missing or too many');
  const out: ScenarioStep[] = [];
  for (const st of steps) {
    if (!Array.isArray(st) || st.length !== 3) throw bad('a step is malformed');
    const [t, k, text] = st;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_TIME_MS) throw bad('a step has a bad time');
    if (k !== 'a' && k !== 'c') throw bad('a step has an unknown kind');
    if (typeof text !== 'string' || text.length > DEFAULT_LIMITS.maxManifestBytes) throw bad('a step has bad text');
    out.push({ time: Math.round(t), kind: k === 'a' ? 'apply' : 'command', text });
  }
  return { seed: seed as number, workers: workers as number, editorText, time: Math.round(time), steps: out };
}
