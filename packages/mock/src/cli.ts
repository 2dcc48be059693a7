#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import {
  CliArgumentError,
  type CliRequest,
  describeOptionError,
  parseCliArguments,
  USAGE,
} from './cli-arguments.js';
import { MockOptionError } from './options.js';
import { createMockServer, type MockServer } from './server.js';
import { MockStateError } from './snapshot/format.js';

/** A command line the CLI cannot run: one line saying why, the usage, exit code 2. */
function fail(message: string): never {
  process.stderr.write(`chatroutes-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
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
  const server = await createMockServer(options).catch((error: unknown) => {
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
  });
  // The first line is the URL alone, so that scripts can read it.
  process.stdout.write(`${server.url}\n`);
  const shutdown = (signal: NodeJS.Signals) => stop(server, signal, saveState);
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

function stop(server: MockServer, signal: NodeJS.Signals, saveState: string | undefined): void {
  process.stderr.write(`chatroutes-mock: ${signal}, shutting down\n`);
  let exitCode = 0;
  if (saveState !== undefined) {
    // The data as it is when the signal arrives; exchanges still in flight are not in it.
    try {
      writeFileSync(saveState, `${JSON.stringify(server.exportState(), null, 2)}\n`);
      process.stderr.write(`chatroutes-mock: state saved to ${saveState}\n`);
    } catch (error) {
      process.stderr.write(
        `chatroutes-mock: cannot save the state to ${saveState}: ${String(error)}\n`,
      );
      exitCode = 1;
    }
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
