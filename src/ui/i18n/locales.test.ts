import { describe, expect, it } from 'vitest';
import { resources } from './index';

/** Keys without their plural suffix: languages have different plural forms (Chinese has one). */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`]));
}

describe('UI strings', () => {
  it.each(['common', 'editor', 'canvas'] as const)('%s has every English string in Chinese and nothing extra', (ns) => {
    const en = [...new Set(keys(resources.en[ns]))].sort();
    const zh = [...new Set(keys(resources['zh-CN'][ns]))].sort();
    expect(zh).toEqual(en);
  });

  it.each(['common', 'editor', 'canvas'] as const)('%s in Chinese is really translated', (ns) => {
    const zhValues = JSON.stringify(resources['zh-CN'][ns]);
    expect(zhValues).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(resources['zh-CN'][ns])).not.toEqual(JSON.stringify(resources.en[ns]));
  });
});
