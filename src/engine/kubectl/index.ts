/** The command language: run a line, extend it, and the STATUS text the canvas shows for pods. */
export { runCommand } from './run';
export type { CommandHost, CommandResult } from './types';
export { addCommand } from './commands/index';
export type { Command, CommandContext } from './context';
export { execInContainer, type ExecOutcome, type ExecResult } from './exec/shell';
export { podRowStatus, podStatusText } from './printers/podStatus';
export { describeObject } from './describe/index';
