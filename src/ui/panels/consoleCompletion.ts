/**
 * Tab completion for the console: command words, resource types and the names of live objects,
 * following kubectl's grammar closely enough to know what the word under the cursor is.
 */
export interface CommandSpec {
  name: string;
  aliases: string[];
  subcommands: CommandSpec[];
  /** Long and short forms, with dashes: "--replicas", "-o". */
  flags: string[];
}

export interface ResourceTypeSpec {
  kind: string;
  /** What a user may type for it, preferred first: "deployments", "deployment", "deploy". */
  words: string[];
  namespaced: boolean;
}

export interface ConsoleVocabulary {
  commands: readonly CommandSpec[];
  types: readonly ResourceTypeSpec[];
  namespaces: readonly string[];
  /** Names of live objects of a kind; every namespace when `namespace` is undefined. */
  names(kind: string, namespace: string | undefined): string[];
}

export interface Completion {
  /** The range of the line the completion replaces (the word under the cursor). */
  from: number;
  to: number;
  /** What replaces it: the one candidate (and a space), or the candidates' common prefix. */
  insert: string;
  /** Every match, to list under the input when there are several. */
  candidates: string[];
}

/** Words the console itself understands besides the command language. */
export const CONSOLE_BUILTINS = ['clear'];

const GLOBAL_FLAGS = ['--namespace', '-n', '--all-namespaces', '-A', '--output', '-o', '--selector', '-l', '--help', '-h'];
const NAMESPACE_FLAGS = new Set(['-n', '--namespace']);
const OUTPUT_FLAGS = new Set(['-o', '--output']);
/** Flags whose value is the next word (so it is not a positional argument). */
const VALUE_FLAGS = new Set([...NAMESPACE_FLAGS, ...OUTPUT_FLAGS, '-l', '--selector', '-f', '--filename', '-c', '--container', '--replicas', '--image', '--port', '--target-port', '--type', '--name', '--field-selector', '--sort-by', '--tail', '--since', '--timeout', '--to-revision', '-L', '--label-columns', '--grace-period', '--revision']);
const OUTPUT_FORMATS = ['wide', 'yaml', 'json', 'name', 'jsonpath=', 'custom-columns='];
const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

type ArgRule = { kind: 'pods' } | { kind: 'nodes' } | { kind: 'resources'; only?: ReadonlySet<string>; slashOnly?: boolean } | { kind: 'none' };

/** What each command's positional arguments are. Commands not listed take TYPE [NAME…] or TYPE/NAME. */
const ARG_RULES: Record<string, ArgRule> = {
  logs: { kind: 'pods' },
  exec: { kind: 'pods' },
  attach: { kind: 'pods' },
  'port-forward': { kind: 'pods' },
  'chaos kill': { kind: 'pods' },
  cordon: { kind: 'nodes' },
  uncordon: { kind: 'nodes' },
  drain: { kind: 'nodes' },
  'chaos node-down': { kind: 'nodes' },
  'chaos node-up': { kind: 'nodes' },
  'set image': { kind: 'resources', only: WORKLOAD_KINDS },
  'set env': { kind: 'resources', only: WORKLOAD_KINDS },
  'set resources': { kind: 'resources', only: WORKLOAD_KINDS },
  rollout: { kind: 'resources', only: WORKLOAD_KINDS },
  apply: { kind: 'none' },
  create: { kind: 'none' },
  run: { kind: 'none' },
  traffic: { kind: 'none' },
};

function ruleFor(path: string[]): ArgRule {
  return ARG_RULES[path.join(' ')] ?? ARG_RULES[path[0]] ?? { kind: 'resources' };
}

function findCommand(list: readonly CommandSpec[], word: string): CommandSpec | undefined {
  return list.find((c) => c.name === word || c.aliases.includes(word));
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}

function matching(words: string[], prefix: string): string[] {
  return unique(words.filter((w) => w.startsWith(prefix)));
}

interface Context {
  /** Completed words before the cursor, without a leading `kubectl`. */
  words: string[];
  hadKubectl: boolean;
  namespace: string | undefined;
}

function readContext(before: string[]): Context {
  const words = [...before];
  let hadKubectl = false;
  if (words[0] === 'kubectl' || words[0] === 'k') {
    words.shift();
    hadKubectl = true;
  }
  let namespace: string | undefined = 'default';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (NAMESPACE_FLAGS.has(w) && i + 1 < words.length) namespace = words[i + 1];
    else if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    else if (w === '-A' || w === '--all-namespaces') namespace = undefined;
  }
  return { words, hadKubectl, namespace };
}

function positionals(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

function typeFor(vocab: ConsoleVocabulary, word: string): ResourceTypeSpec | undefined {
  const w = word.toLowerCase().split('.')[0];
  return vocab.types.find((t) => t.words.includes(w));
}

function namesOf(vocab: ConsoleVocabulary, type: ResourceTypeSpec, namespace: string | undefined): string[] {
  return vocab.names(type.kind, type.namespaced ? namespace : undefined);
}

function candidatesFor(vocab: ConsoleVocabulary, ctx: Context, word: string): string[] {
  const prev = ctx.words[ctx.words.length - 1];
  if (prev !== undefined && NAMESPACE_FLAGS.has(prev)) return matching([...vocab.namespaces], word);
  if (prev !== undefined && OUTPUT_FLAGS.has(prev)) return matching(OUTPUT_FORMATS, word);
  if (prev !== undefined && VALUE_FLAGS.has(prev)) return [];

  const pos = positionals(ctx.words);
  if (pos.length === 0) {
    if (word.startsWith('-')) return matching(GLOBAL_FLAGS, word);
    const words = vocab.commands.map((c) => c.name);
    return matching(ctx.hadKubectl ? words : [...words, ...CONSOLE_BUILTINS, 'kubectl'], word);
  }

  let cmd = findCommand(vocab.commands, pos[0]);
  if (!cmd) return [];
  const path = [cmd.name];
  let rest = pos.slice(1);
  while (cmd.subcommands.length > 0) {
    if (rest.length === 0) {
      if (word.startsWith('-')) return matching([...cmd.flags, ...GLOBAL_FLAGS], word);
      return matching(cmd.subcommands.map((c) => c.name), word);
    }
    const sub: CommandSpec | undefined = findCommand(cmd.subcommands, rest[0]);
    if (!sub) break;
    cmd = sub;
    path.push(sub.name);
    rest = rest.slice(1);
  }
  if (word.startsWith('-')) return matching([...cmd.flags, ...GLOBAL_FLAGS], word);

  const rule = ruleFor(path);
  const pods = vocab.types.find((t) => t.kind === 'Pod');
  const nodes = vocab.types.find((t) => t.kind === 'Node');
  switch (rule.kind) {
    case 'none':
      return [];
    case 'pods':
      return rest.length === 0 && pods ? matching(namesOf(vocab, pods, ctx.namespace), word) : [];
    case 'nodes':
      return nodes ? matching(namesOf(vocab, nodes, undefined), word) : [];
    case 'resources': {
      const allowed = (t: ResourceTypeSpec) => !rule.only || rule.only.has(t.kind);
      const slash = word.indexOf('/');
      if (slash >= 0) {
        const type = typeFor(vocab, word.slice(0, slash));
        if (!type || !allowed(type)) return [];
        const head = word.slice(0, slash + 1);
        return matching(namesOf(vocab, type, ctx.namespace).map((n) => head + n), word);
      }
      const typed = rest.find((r) => !r.includes('/'));
      if (rest.length === 0 || !typed) {
        const types = vocab.types.filter(allowed);
        return matching(types.flatMap((t) => t.words), word);
      }
      if (typed.includes(',')) return [];
      const type = typeFor(vocab, typed);
      return type && allowed(type) ? matching(namesOf(vocab, type, ctx.namespace), word) : [];
    }
  }
}

/** Completes the word at `cursor`; undefined when there is nothing to offer. */
export function completeLine(line: string, cursor: number, vocab: ConsoleVocabulary): Completion | undefined {
  const before = line.slice(0, cursor);
  if (before.includes('|')) return undefined;
  const start = before.search(/\S*$/);
  const word = before.slice(start);
  let end = cursor;
  while (end < line.length && !/\s/.test(line[end])) end++;
  const ctx = readContext(before.slice(0, start).split(/\s+/).filter(Boolean));
  const candidates = candidatesFor(vocab, ctx, word).sort((a, b) => a.localeCompare(b));
  if (candidates.length === 0) return undefined;
  const insert = candidates.length === 1 ? candidates[0] + (candidates[0].endsWith('/') || candidates[0].endsWith('=') ? '' : ' ') : commonPrefix(candidates);
  return { from: start, to: end, insert: insert.length >= word.length ? insert : word, candidates };
}
