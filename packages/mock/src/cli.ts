#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULT_KINDS, type FaultKind } from './domain/faults.js';
import { createMockServer } from './server.js';
import { MockStateError } from './snapshot/format.js';

const USAGE = `Usage: chatroutes-mock [options]

A stateful, offline ChatRoutes server. Prints its base URL, then serves until stopped.

Options:
  --port <n>            port to listen on (default 4010; 0 = any free port)
  --host <addr>         interface to listen on (default 127.0.0.1)
  --api-key <key>       accept only this key (repeatable; default: any key)
  --seed <n>            seed of ids and random faults (default 1)
  --stream-delay <ms>   pause between streamed words (default 15)
  --latency <ms>        added delay per request (default 0)
  --fault-rate <0-1>    inject faults at this rate (default 0)
  --fault-kinds <list>  comma-separated kinds for --fault-rate (default 429,500)
  --state <file>        start from a snapshot written by exportState() or --save-state
  --save-state <file>   write the data as a snapshot to this file when stopped
  -h, --help            show this help`;

function fail(message: string): never {
  process.stderr.write(`chatroutes-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) fail(`--${name} must be a non-negative number`);
  return number;
}

function readState(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(
      `--state: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function faultKinds(value: string | undefined): FaultKind[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((kind) => {
    const known = FAULT_KINDS.find((candidate) => candidate === kind.trim());
    if (!known) fail(`unknown fault kind "${kind}"`);
    return known;
  });
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rate = numberOption(values['fault-rate'], 'fault-rate');
  const kinds = faultKinds(values['fault-kinds']);
  const latency = numberOption(values.latency, 'latency');
  const seed = numberOption(values.seed, 'seed');
  const streamDelayMs = numberOption(values['stream-delay'], 'stream-delay');
  const state = readState(values.state);
  const saveState = values['save-state'];

  const server = await createMockServer({
    port: numberOption(values.port, 'port') ?? 4010,
    host: values.host ?? '127.0.0.1',
    ...(values['api-key'] && { apiKeys: values['api-key'] }),
    ...(seed !== undefined && { seed }),
    ...(streamDelayMs !== undefined && { streamDelayMs }),
    ...(latency !== undefined && { latency }),
    ...(rate !== undefined && { faults: { rate, ...(kinds && { kinds }) } }),
    ...(state !== undefined && { state }),
  }).catch((error: unknown) => {
    if (error instanceof MockStateError) fail(`--state ${values.state}: ${error.message}`);
    throw error;
  });
  // The first line is the URL alone, so that scripts can read it.
  process.stdout.write(`${server.url}\n`);

  const shutdown = (signal: NodeJS.Signals) => {
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
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function parse() {
  return parseArgs({
    // `pnpm run mock -- --port 4010` passes the `--` through: ignore it.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      seed: { type: 'string' },
      'stream-delay': { type: 'string' },
      latency: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-kinds': { type: 'string' },
      state: { type: 'string' },
      'save-state': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `chatroutes-mock: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
