/**
 * The few local commands a line may pipe kubectl's output into, as a user's shell would run
 * them: grep, head, tail, wc and sort. Only standard output flows through the pipe.
 */
export function runFilters(input: string, stages: string[][]): { output: string; exitCode: number } {
  let text = input;
  let exitCode = 0;
  for (const argv of stages) {
    const r = runFilter(text, argv);
    text = r.output;
    exitCode = r.exitCode;
  }
  return { output: text, exitCode };
}

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

const join = (l: string[]) => (l.length ? l.join('\n') + '\n' : '');

function runFilter(input: string, argv: string[]): { output: string; exitCode: number } {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'grep': {
      let invert = false;
      let ignoreCase = false;
      let count = false;
      let pattern: string | undefined;
      for (const a of args) {
        if (/^-[ivcE]+$/.test(a)) {
          if (a.includes('v')) invert = true;
          if (a.includes('i')) ignoreCase = true;
          if (a.includes('c')) count = true;
        } else if (pattern === undefined) pattern = a;
      }
      if (pattern === undefined) return { output: 'Usage: grep [OPTION]... PATTERNS [FILE]...\n', exitCode: 2 };
      let re: RegExp;
      try {
        re = new RegExp(pattern, ignoreCase ? 'i' : '');
      } catch {
        re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ignoreCase ? 'i' : '');
      }
      const hits = lines(input).filter((l) => re.test(l) !== invert);
      return { output: count ? `${hits.length}\n` : join(hits), exitCode: hits.length ? 0 : 1 };
    }
    case 'head':
    case 'tail': {
      let n = 10;
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-n') n = Number(args[++i]);
        else if (/^-\d+$/.test(args[i])) n = Number(args[i].slice(1));
      }
      const l = lines(input);
      return { output: join(cmd === 'head' ? l.slice(0, n) : l.slice(Math.max(0, l.length - n))), exitCode: 0 };
    }
    case 'wc':
      return { output: `${lines(input).length}\n`, exitCode: 0 };
    case 'sort':
      return { output: join([...lines(input)].sort()), exitCode: 0 };
  }
  return { output: `${cmd}: command not found\n`, exitCode: 127 };
}
