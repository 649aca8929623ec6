import { readFileSync } from 'node:fs';
import { formatProblem, type ManifestFile } from '../engine/manifests/types';
import { runSimulation } from '../engine/simulation';
import { ArgsError, parseSimArgs, USAGE } from './args';
import { jsonOutput, tableOutput, traceOutput } from './output';

function readInputs(names: string[]): { files: ManifestFile[]; errors: string[] } {
  const files: ManifestFile[] = [];
  const errors: string[] = [];
  let stdin: string | undefined;
  for (const name of names) {
    try {
      if (name === '-') {
        stdin ??= readFileSync(0, 'utf8');
        files.push({ name: '-', text: stdin });
      } else files.push({ name, text: readFileSync(name, 'utf8') });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(formatProblem({ file: name, line: 1, col: 1, message: code === 'ENOENT' ? `open ${name}: no such file or directory` : `cannot read ${name}: ${(e as Error).message}` }));
    }
  }
  return { files, errors };
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseSimArgs([...argv]);
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`sim: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { files, errors } = readInputs(args.files);
  if (errors.length) {
    process.stderr.write(errors.join('\n') + '\n');
    return 2;
  }
  const result = runSimulation({ files, until: args.until, at: args.at, seed: args.seed, nodes: args.nodes, trace: args.output === 'trace' });
  if (result.exitCode === 2) {
    process.stderr.write(result.problems.map((p) => formatProblem(p) + '\n').join(''));
    return 2;
  }
  if (result.exitCode !== 0) process.stderr.write(result.applyOutput.filter((l) => l.startsWith('Error')).map((l) => l + '\n').join(''));
  for (const s of result.skipped) process.stderr.write(`sim: --at "${s.command}" is after --until and was not run\n`);
  const out = args.output === 'table' ? tableOutput(result) : args.output === 'trace' ? traceOutput(result) : jsonOutput(result);
  process.stdout.write(out);
  return result.exitCode;
}

// A reader that stops early (`| head`) is not an error of the simulation.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = main(process.argv.slice(2));
