import type { KObject } from '../../api/object';

export type Cell = string | number | boolean;

/** One column of a server-side Table (pkg/printers TableColumnDefinition); priority 1 shows only with -o wide. */
export interface Column {
  name: string;
  priority?: number;
}

export interface PrintContext {
  /** Simulated now, for AGE-like columns. */
  now: number;
  /** -o wide: load-balancer addresses are not clipped. */
  wide?: boolean;
}

/** A kind's table: its columns and the cells of one object's row (all columns, wide ones included). */
export interface TableDef {
  columns: Column[];
  row(obj: KObject, ctx: PrintContext): Cell[];
}

export const col = (name: string, priority = 0): Column => ({ name, priority });
