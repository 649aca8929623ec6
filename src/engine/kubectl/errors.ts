import { ApiError } from '../api/errors';

/**
 * A failure a command reports the way kubectl does: `message` is printed as is (already
 * starting with "error: " or "Error from server ..."), and the command exits with `exitCode`.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** "error: <text>", kubectl's cmdutil.CheckErr wording for client-side failures. */
export function fail(text: string): CommandError {
  return new CommandError(`error: ${text}`);
}

/** A usage mistake caught by the flag parser: cobra's "Error: ..." plus the hint to see --help. */
export function usageError(text: string, commandPath: string): CommandError {
  return new CommandError(`Error: ${text}\nSee 'kubectl ${commandPath} --help' for usage.`);
}

/** What kubectl prints for an error a command raised. */
export function errorText(err: unknown): string {
  if (err instanceof CommandError) return err.message;
  if (err instanceof ApiError) return err.kubectlMessage();
  throw err;
}
