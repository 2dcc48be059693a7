import { readFileSync } from 'node:fs';
import { diffCassettes } from './cassette/diff.js';
import { CassetteError, readCassette } from './cassette/format.js';
import { CliArgumentError } from './cli-arguments.js';

/** How many differences are printed; the count says how many there are in all. */
const SHOWN = 20;

/**
 * `chatroutes-mock diff <before> <after> [--strict]`: the exit code (0 the same, 1 they
 * differ) after printing where. A file that cannot be read is a CliArgumentError (exit 2).
 */
export function runDiff(args: readonly string[], write: (text: string) => void): 0 | 1 {
  const strict = args.includes('--strict');
  const files = args.filter((arg) => arg !== '--strict');
  const unknown = files.find((arg) => arg.startsWith('-'));
  if (unknown) throw new CliArgumentError(`diff: unknown option ${unknown}`);
  if (files.length !== 2) throw new CliArgumentError('diff: give two cassette files');
  const [before, after] = files.map(readCassetteFile) as [
    ReturnType<typeof readCassetteFile>,
    ReturnType<typeof readCassetteFile>,
  ];
  const differences = diffCassettes(before, after, { strict });
  if (differences.length === 0) {
    write(`The cassettes match (${before.interactions.length} interactions).\n`);
    return 0;
  }
  for (const { path, before: was, after: is } of differences.slice(0, SHOWN)) {
    write(`${path}: ${show(was)} → ${show(is)}\n`);
  }
  const more = differences.length - SHOWN;
  write(
    `${more > 0 ? `… and ${more} more. ` : ''}The cassettes differ in ${differences.length} place(s).\n`,
  );
  return 1;
}

function readCassetteFile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliArgumentError(`diff: cannot read ${file} (${(error as Error).message})`);
  }
  try {
    return readCassette(text);
  } catch (error) {
    if (error instanceof CassetteError)
      throw new CliArgumentError(`diff: ${file}: ${error.message}`);
    throw error;
  }
}

const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
