import type { Scenario } from './scenario';

/** Where the playground keeps what a reload must not lose. */
export const STORAGE_KEYS = {
  scenario: 'podscape.scenario.v1',
  editor: 'podscape.editor.v1',
  language: 'podscape.language',
} as const;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadJson<T>(storage: KeyValueStorage | undefined, key: string): T | undefined {
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function saveJson(storage: KeyValueStorage | undefined, key: string, value: unknown): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the session goes on, it just won't survive a reload.
  }
}

export function isScenario(v: unknown): v is Scenario {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return Number.isSafeInteger(s.seed) && Number.isSafeInteger(s.workers) && typeof s.editorText === 'string' && Array.isArray(s.steps) && typeof s.time === 'number';
}
