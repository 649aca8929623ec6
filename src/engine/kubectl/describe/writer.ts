import { DESCRIBE_TABWRITER, TabWriter } from '../format/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * describe's PrefixWriter over a tabwriter (minwidth 0, padding 2): `write` indents by two
 * spaces per level; `flush` ends a block of alignment, as DescribeEvents does before its table.
 */
export class PrefixWriter {
  private readonly tw = new TabWriter(DESCRIBE_TABWRITER);

  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }

  /** WriteLine: the text and a newline, without indentation. */
  line(text: string): void {
    this.tw.write(text + '\n');
  }

  flush(): void {
    this.tw.flush();
  }

  toString(): string {
    return this.tw.toString();
  }
}

/**
 * A PrefixWriter that only indents and keeps tabs as they are: `rollout history --revision`
 * prints a pod template through one without a tabwriter.
 */
export class RawPrefixWriter extends PrefixWriter {
  private text = '';

  override write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }

  override line(text: string): void {
    this.text += text + '\n';
  }

  override flush(): void {}

  override toString(): string {
    return this.text;
  }
}

/** nestedPrefixWriter: every write indented by `indent` more levels. */
export class NestedPrefixWriter extends PrefixWriter {
  constructor(
    private readonly inner: PrefixWriter,
    private readonly indent: number,
  ) {
    super();
  }

  override write(level: number, text: string): void {
    this.inner.write(level + this.indent, text);
  }

  override line(text: string): void {
    this.inner.write(this.indent, text + '\n');
  }

  override flush(): void {
    this.inner.flush();
  }

  override toString(): string {
    return this.inner.toString();
  }
}
