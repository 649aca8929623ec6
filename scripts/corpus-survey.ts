/**
 * Prints where each documentation example ends when applied alone to a fresh cluster, for the
 * files that do not simply settle — the raw material of the EXCEPTIONS table in
 * src/engine/corpus.test.ts. Run: npx tsx scripts/corpus-survey.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusOutcome } from '../src/engine/testing/corpusOutcome';

const ROOT = fileURLToPath(new URL('../../shared/corpus/k8s-website-examples', import.meta.url));
const files: string[] = [];
const walk = (d: string) => {
  for (const f of readdirSync(d).sort()) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(f)) files.push(p);
  }
};
walk(ROOT);
for (const f of files) {
  const rel = relative(ROOT, f);
  const o = corpusOutcome(rel, readFileSync(f, 'utf8'));
  if (o !== 'settled') console.log(`${rel}\t${o}`);
}
