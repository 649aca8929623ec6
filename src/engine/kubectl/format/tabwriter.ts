/**
 * Go's text/tabwriter (the algorithm kubectl formats every table and `describe` with): text is cut
 * into cells at tabs and into lines at newlines; consecutive lines that have a tab-terminated cell
 * in the same column form a column block, padded to the widest cell of the block plus `padding`.
 * The last cell of a line belongs to no column and is never padded.
 * https://pkg.go.dev/text/tabwriter
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl get's writer (printers.GetNewTabWriter): minwidth 6, padding 3. */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe's writer (tabbedString): minwidth 0, padding 2. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

interface Cell {
  text: string;
  width: number;
}

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function splitLines(text: string): Cell[][] {
  const raw = text.split('\n');
  const lines: Cell[][] = [];
  raw.forEach((line, i) => {
    const parts = line.split('\t');
    // The unterminated tail of the text is a cell only when it holds text (Go: terminateCell on Flush).
    if (i === raw.length - 1 && parts[parts.length - 1] === '') parts.pop();
    lines.push(parts.map((t) => ({ text: t, width: runeWidth(t) })));
  });
  return lines;
}

/** Formats `text` exactly as a Go tabwriter with these options would after Flush. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines = splitLines(text);
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - c.width));
      });
      out.push(s);
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const line = lines[cur];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + opts.padding);
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
      cur--;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('');
}

/**
 * A writer that, like describe's PrefixWriter over a tabwriter, collects text and can be flushed:
 * each flushed segment is aligned on its own.
 */
export class TabWriter {
  private segments: string[] = [];
  private current = '';
  constructor(private readonly opts: TabwriterOptions) {}

  write(text: string): void {
    this.current += text;
  }

  flush(): void {
    this.segments.push(this.current);
    this.current = '';
  }

  toString(): string {
    return [...this.segments, this.current].map((s) => tabwrite(s, this.opts)).join('');
  }
}
