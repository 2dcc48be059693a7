#!/usr/bin/env node
import {
  CliArgumentError,
  type CliRequest,
  describeOptionError,
  parseCliArguments,
  USAGE,
} from './cli-arguments.js';
import { runDiff } from './cli-diff.js';
import type { StateChanges } from './domain/state.js';
import { MockOptionError } from './options.js';
import { type MockServer, startMockServer } from './server.js';
import { MockStateError } from './snapshot/format.js';
import { StateFile } from './state-file.js';

/** A command line the CLI cannot run: one line saying why, the usage, exit code 2. */
function fail(message: string): never {
  process.stderr.write(`chatroutes-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'diff') {
    try {
      process.exitCode = runDiff(rest, (text) => process.stdout.write(text));
    } catch (error) {
      if (error instanceof CliArgumentError) fail(error.message);
      throw error;
    }
    return;
  }
  let request: CliRequest;
  try {
    request = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliArgumentError) fail(error.message);
    throw error;
  }
  if (request.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options, stateFile, saveState } = request;
  const saved = saveState === undefined ? undefined : new StateFile(saveState);
  // Every change is journaled as it is committed, so a crash or a SIGKILL loses nothing
  // that was answered.
  const afterChange = saved && ((changes: StateChanges) => journal(saved, changes));
  const server: MockServer = await startMockServer(options, { afterChange }).catch(
    (error: unknown) => {
      // The mock checks its options itself; a refusal is a bad flag, not a crash.
      if (error instanceof MockOptionError) fail(describeOptionError(error));
      if (error instanceof MockStateError) fail(`--state ${stateFile}: ${error.message}`);
      if (isAddressInUse(error)) {
        const host = error.address.includes(':') ? `[${error.address}]` : error.address;
        fail(
          `--port ${error.port}: ${host}:${error.port} is in use (EADDRINUSE); stop what holds it, or pass --port 0 for any free port`,
        );
      }
      throw error;
    },
  );
  if (saved) {
    // A file that cannot be written is refused now, not at the first change or the end.
    try {
      saved.compact(server.exportState());
    } catch (error) {
      fail(`--save-state ${saved.path}: cannot write it (${describeError(error)})`);
    }
  }
  // The first line is the URL alone, so that scripts can read it.
  process.stdout.write(`${server.url}\n`);
  const shutdown = (signal: NodeJS.Signals) => stop(server, signal, saved);
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** The error `listen` gives for a port another program holds (Node adds where it tried). */
function isAddressInUse(
  error: unknown,
): error is NodeJS.ErrnoException & { address: string; port: number } {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE' &&
    'port' in error
  );
}

/** Journals a change; a failure is reported, and the server goes on serving. */
function journal(file: StateFile, changes: StateChanges): void {
  try {
    file.append(changes);
  } catch (error) {
    process.stderr.write(
      `chatroutes-mock: cannot save the state to ${file.path}: ${describeError(error)}\n`,
    );
  }
}

/** Saves the data whole; a failure is reported, and the server goes on serving. */
function save(file: StateFile, server: MockServer): boolean {
  try {
    file.compact(server.exportState());
    return true;
  } catch (error) {
    process.stderr.write(
      `chatroutes-mock: cannot save the state to ${file.path}: ${describeError(error)}\n`,
    );
    return false;
  }
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

function stop(server: MockServer, signal: NodeJS.Signals, saved: StateFile | undefined): void {
  process.stderr.write(`chatroutes-mock: ${signal}, shutting down\n`);
  let exitCode = 0;
  if (saved !== undefined) {
    // The data as it is when the signal arrives; exchanges still in flight are not in it.
    if (save(saved, server))
      process.stderr.write(`chatroutes-mock: state saved to ${saved.path}\n`);
    else exitCode = 1;
  }
  server.close().then(
    () => process.exit(exitCode),
    (error: unknown) => {
      process.stderr.write(`chatroutes-mock: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `chatroutes-mock: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
