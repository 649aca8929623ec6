/** One word of a command line, or a `|` that pipes the output into a local filter. */
export type Token = { kind: 'word'; text: string } | { kind: 'pipe' };

export class TokenizeError extends Error {}

/**
 * Splits a line as a POSIX shell would for simple commands: whitespace separates words, single
 * quotes keep everything, double quotes keep everything but \" \\ \$ \`, a backslash escapes
 * the next character, and an unquoted `|` starts a pipeline stage.
 */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) tokens.push({ kind: 'word', text: cur });
    cur = '';
    inWord = false;
  };
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      end();
      i++;
    } else if (ch === '|') {
      end();
      tokens.push({ kind: 'pipe' });
      i++;
    } else if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new TokenizeError('unterminated quoted string');
      cur += line.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) throw new TokenizeError('unterminated quoted string');
        const c = line[i];
        if (c === '"') {
          i++;
          break;
        }
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          cur += line[i + 1];
          i += 2;
          continue;
        }
        cur += c;
        i++;
      }
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      inWord = true;
      i += 2;
    } else {
      cur += ch;
      inWord = true;
      i++;
    }
  }
  end();
  return tokens;
}
