import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/canvas.json';
import zh from '../i18n/locales/zh-CN/canvas.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(one|other)$/, '')}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.tsx') ? [p] : [];
  });
}

const UI = join(__dirname, '..');
const FILES = [...sources(join(UI, 'canvas')), ...sources(join(UI, 'inspector')), join(UI, 'panels/EventsPanel.tsx'), join(UI, 'toolbar/ClockControls.tsx')];

describe('canvas strings', () => {
  it('has every English string in Chinese, really translated, and nothing extra', () => {
    expect([...new Set(keys(zh))].sort()).toEqual([...new Set(keys(en))].sort());
    expect(JSON.stringify(zh)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('defines every key the canvas, inspector, events panel and clock use', () => {
    const defined = new Set(keys(en));
    const used = new Set<string>();
    for (const f of FILES) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z.]+)'/g)) used.add(m[1]);
      // Template keys like t(`tone.${tone}`): every value must exist; checked through their prefixes.
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*`([a-zA-Z.]+)\.\$\{/g)) expect([...defined].some((k) => k.startsWith(`${m[1]}.`)), m[1]).toBe(true);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !defined.has(k))).toEqual([]);
  });
});
