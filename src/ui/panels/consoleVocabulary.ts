import { COMMANDS } from '../../engine/kubectl/commands/index';
import type { Command } from '../../engine/kubectl/context';
import { KINDS } from '../../engine/api/kinds';
import type { ClusterSnapshot } from '../../store/snapshot';
import type { CommandSpec, ConsoleVocabulary, ResourceTypeSpec } from './consoleCompletion';

/**
 * What the console can complete, read from the command language's own registry (so new commands
 * complete as soon as they exist) and from the live snapshot (object names).
 */
function toSpec(c: Command): CommandSpec {
  const flags: string[] = [];
  for (const f of c.flags ?? []) {
    flags.push(`--${f.name}`);
    if (f.short) flags.push(`-${f.short}`);
  }
  return { name: c.name, aliases: c.aliases ?? [], subcommands: (c.subcommands ?? []).map(toSpec), flags };
}

/** Resource types as kubectl accepts them, for every kind the API serves (events included). */
export const RESOURCE_TYPES: readonly ResourceTypeSpec[] = KINDS.map((k) => ({
  kind: k.kind,
  words: [...new Set([k.plural, k.kind.toLowerCase(), ...k.shortNames])],
  namespaced: k.namespaced,
}));

export function commandSpecs(): CommandSpec[] {
  return COMMANDS.map(toSpec);
}

export function vocabularyFrom(snapshot: ClusterSnapshot, commands: readonly CommandSpec[] = commandSpecs()): ConsoleVocabulary {
  return {
    commands,
    types: RESOURCE_TYPES,
    namespaces: (snapshot.byKind.get('Namespace') ?? []).map((n) => n.metadata?.name ?? '').filter(Boolean),
    names(kind, namespace) {
      const names: string[] = [];
      for (const o of snapshot.byKind.get(kind) ?? []) {
        if (namespace !== undefined && o.metadata?.namespace !== namespace) continue;
        if (o.metadata?.name) names.push(o.metadata.name);
      }
      return names;
    },
  };
}
