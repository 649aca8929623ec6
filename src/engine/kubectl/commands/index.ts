import type { Command } from '../context';
import { chaosCommand } from './chaos';
import { cordon, uncordon } from './cordon';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { drainCommand } from './drain';
import { eventsCommand } from './events';
import { execCommand } from './exec';
import { exposeCommand } from './expose';
import { getCommand } from './get';
import { annotateCommand, labelCommand } from './label';
import { logsCommand } from './logs';
import { apiResourcesCommand, clusterInfoCommand, configCommand, versionCommand } from './misc';
import { patchCommand } from './patch';
import { rolloutCommand } from './rollout';
import { runCommand } from './runPod';
import { scaleCommand } from './scale';
import { setCommand } from './setImage';
import { applyCommand } from './apply';
import { taintCommand } from './taint';
import { topCommand } from './top';
import { trafficCommand } from './traffic';
import { waitCommand } from './wait';
import { registerCommand } from '../registry';

/**
 * Every command of the language. kubectl's own keep kubectl's names; `chaos` (and later
 * `traffic`) are the simulator's. Add a command with one file here and a line below.
 */
export const COMMANDS: Command[] = [];

for (const c of [
  createCommand, exposeCommand, runCommand, setCommand,
  getCommand, eventsCommand, deleteCommand, rolloutCommand, scaleCommand,
  cordon, uncordon, drainCommand, taintCommand,
  describeCommand, logsCommand, execCommand, topCommand, waitCommand,
  applyCommand, patchCommand, labelCommand, annotateCommand,
  apiResourcesCommand, clusterInfoCommand, configCommand, versionCommand,
  chaosCommand, trafficCommand,
]) registerCommand(COMMANDS, c);

/** For other parts of the simulator (networking's `traffic`): make a command available everywhere. */
export function addCommand(cmd: Command): void {
  registerCommand(COMMANDS, cmd);
}
