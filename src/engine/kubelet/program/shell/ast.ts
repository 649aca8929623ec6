/**
 * The syntax tree of the small POSIX-shell subset that simulated containers run: lists with
 * `;` `&&` `||` `&`, pipelines, while/until/for/if, brace groups and subshells, simple commands
 * with assignments and redirections.
 */

/** One piece of a word, as written; expansion turns a word into zero or more fields. */
export type WordPart =
  | { t: 'lit'; v: string; quoted: boolean }
  | { t: 'var'; name: string; quoted: boolean; op?: string; arg?: Word; index?: Word }
  | { t: 'cmd'; script: string; quoted: boolean }
  | { t: 'arith'; expr: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  /** Source descriptor: 1 for `>`, 2 for `2>`, 0 for `<`. */
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export interface Assignment {
  name: string;
  value?: Word;
  /** bash array literal: name=(a b c) */
  array?: Word[];
}

export type Command =
  | { t: 'simple'; assigns: Assignment[]; words: Word[]; redirs: Redirect[] }
  | { t: 'while'; until: boolean; cond: List; body: List; redirs: Redirect[] }
  | { t: 'for'; name: string; items?: Word[]; body: List; redirs: Redirect[] }
  | { t: 'if'; branches: { cond: List; body: List }[]; otherwise?: List; redirs: Redirect[] }
  | { t: 'group'; body: List; subshell: boolean; redirs: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
}

export interface List {
  items: AndOr[];
}

/** Does a list contain `break` or `exit` anywhere (so a `while true` around it may end)? */
export function mayLeaveLoop(list: List): boolean {
  const words = (w: Word[]) => w.some((x) => x.parts.length === 1 && x.parts[0].t === 'lit' && ['break', 'exit', 'return'].includes(x.parts[0].v));
  const cmd = (c: Command): boolean => {
    switch (c.t) {
      case 'simple':
        return c.words.length > 0 && words([c.words[0]]);
      case 'while':
        return mayLeaveLoop(c.cond) || mayLeaveLoopNoBreak(c.body);
      case 'for':
        return mayLeaveLoopNoBreak(c.body);
      case 'if':
        return c.branches.some((b) => mayLeaveLoop(b.cond) || mayLeaveLoop(b.body)) || (c.otherwise ? mayLeaveLoop(c.otherwise) : false);
      case 'group':
        return mayLeaveLoop(c.body);
    }
  };
  return list.items.some((ao) => [ao.first, ...ao.rest.map((r) => r.pipeline)].some((p) => p.commands.some(cmd)));
}

/** Inside a nested loop a `break` leaves only that loop; `exit` still leaves everything. */
function mayLeaveLoopNoBreak(list: List): boolean {
  const cmd = (c: Command): boolean => {
    switch (c.t) {
      case 'simple': {
        const w = c.words[0];
        return !!w && w.parts.length === 1 && w.parts[0].t === 'lit' && (w.parts[0].v === 'exit' || w.parts[0].v === 'return');
      }
      case 'while':
        return mayLeaveLoopNoBreak(c.cond) || mayLeaveLoopNoBreak(c.body);
      case 'for':
        return mayLeaveLoopNoBreak(c.body);
      case 'if':
        return c.branches.some((b) => mayLeaveLoopNoBreak(b.cond) || mayLeaveLoopNoBreak(b.body)) || (c.otherwise ? mayLeaveLoopNoBreak(c.otherwise) : false);
      case 'group':
        return mayLeaveLoopNoBreak(c.body);
    }
  };
  return list.items.some((ao) => [ao.first, ...ao.rest.map((r) => r.pipeline)].some((p) => p.commands.some(cmd)));
}
