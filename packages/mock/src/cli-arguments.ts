import { parseArgs } from 'node:util';
import type { FaultKind, FaultRateOptions } from './domain/faults.js';
import type { MockOptionError, MockOptions, MockServerOptions } from './options.js';
import { MockStateError, type MockStateSnapshot } from './snapshot/format.js';
import { readStateFile } from './state-file.js';

export const USAGE = `Usage: chatroutes-mock [options]
       chatroutes-mock diff <before.json> <after.json> [--strict]

A stateful, offline ChatRoutes server. Prints its base URL, then serves until stopped.

Options:
  --port <n>                     port to listen on (default 4010; 0 = any free port)
  --host <addr>                  interface to listen on (default 127.0.0.1)
  --api-key <key>                accept only this key (repeatable; default: any key)
  --seed <n>                     seed of ids and random faults (default 1)
  --stream-delay <ms>            pause between streamed words (default 15)
  --latency <ms|min-max>         added delay per request, fixed or drawn from a range (default 0)
  --fault-rate <0-1>             inject faults at this rate (default 0)
  --fault-kinds <list>           comma-separated kinds for --fault-rate (default 429,500)
  --fault-retry-after <s>        Retry-After of the 429s --fault-rate injects (default 1)
  --context-window <tokens>      the built-in model's context window (default 8000)
  --max-body-bytes <n>           larger request bodies get 413 (default 1048576, 1 MiB)
  --idempotency-max-keys <n>     Idempotency-Keys remembered at most (default 10000)
  --idempotency-max-bytes <n>    bytes of stored answers remembered at most (default 33554432)
  --state <file>                 start from a snapshot written by exportState() or --save-state
                                 (with the <file>.journal a killed run left, if any)
  --save-state <file>            keep the data in this file: every change is appended to
                                 <file>.journal, the snapshot is rewritten at start and stop
  -h, --help                     show this help

diff compares two cassettes written by recordTraffic(): it prints each JSON path where they
differ and exits 1, or exits 0 when they match. Timestamps (fields ending in "At") and
responseTime are skipped unless --strict.`;

/** A command line the CLI cannot run: the message names the flag and what is wrong. */
export class CliArgumentError extends Error {
  override readonly name = 'CliArgumentError';
}

export type CliRequest =
  | { help: true }
  | {
      help: false;
      options: MockServerOptions;
      /** The file `--state` read `options.state` from. */
      stateFile: string | undefined;
      saveState: string | undefined;
    };

/** Every option the CLI can set, by the path a MockOptionError names, and the flag that sets it. */
type CliOptionPath =
  | Exclude<keyof MockServerOptions, 'now' | 'faults' | 'idempotency'>
  | 'latency.min'
  | 'latency.max'
  | `faults.${keyof FaultRateOptions}`
  | `idempotency.${keyof NonNullable<MockOptions['idempotency']>}`;

// Keyed by every option but the clock: an option added without a flag fails to compile.
const FLAG_OF_OPTION = {
  port: '--port',
  host: '--host',
  apiKeys: '--api-key',
  seed: '--seed',
  streamDelayMs: '--stream-delay',
  latency: '--latency',
  'latency.min': '--latency',
  'latency.max': '--latency',
  'faults.rate': '--fault-rate',
  'faults.kinds': '--fault-kinds',
  'faults.retryAfterSeconds': '--fault-retry-after',
  contextWindowTokens: '--context-window',
  maxBodyBytes: '--max-body-bytes',
  'idempotency.maxKeys': '--idempotency-max-keys',
  'idempotency.maxBytes': '--idempotency-max-bytes',
  state: '--state',
} as const satisfies Record<CliOptionPath, `--${string}`>;

/**
 * An option refused by the mock's own checks, said in terms of the flag that set it: the
 * CLI checks nothing twice, so its limits are exactly those of `createMockServer`.
 */
export function describeOptionError(error: MockOptionError): string {
  const flags: Readonly<Record<string, string>> = FLAG_OF_OPTION;
  const flag = flags[error.option] ?? error.option;
  // The message is `<option>: <what is wrong>` (see MockOptionError).
  const problem = error.message.slice(error.option.length + 2);
  return `${flag}: ${problem}`;
}

/** Reads the command line into the server's options; throws CliArgumentError when it cannot. */
export function parseCliArguments(args: readonly string[]): CliRequest {
  const { values } = parseFlags(args);
  if (values.help) return { help: true };

  const faultRate = number(values['fault-rate'], '--fault-rate');
  // Any text goes through as a kind: the option's check names an unknown one and lists the rest.
  const faultKinds = values['fault-kinds']?.split(',').map((kind) => kind.trim() as FaultKind);
  const retryAfterSeconds = number(values['fault-retry-after'], '--fault-retry-after');
  if (faultRate === undefined) {
    // Without a rate nothing would use them: say so rather than ignore them.
    for (const flag of ['fault-kinds', 'fault-retry-after'] as const) {
      if (values[flag] !== undefined) throw new CliArgumentError(`--${flag} needs --fault-rate`);
    }
  }
  const maxKeys = number(values['idempotency-max-keys'], '--idempotency-max-keys');
  const maxBytes = number(values['idempotency-max-bytes'], '--idempotency-max-bytes');

  const options: MockServerOptions = {
    port: number(values.port, '--port') ?? 4010,
    host: values.host ?? '127.0.0.1',
    ...defined('apiKeys', values['api-key']),
    ...defined('seed', number(values.seed, '--seed')),
    ...defined('streamDelayMs', number(values['stream-delay'], '--stream-delay')),
    ...defined('latency', latency(values.latency)),
    ...(faultRate !== undefined && {
      faults: {
        rate: faultRate,
        ...defined('kinds', faultKinds),
        ...defined('retryAfterSeconds', retryAfterSeconds),
      },
    }),
    ...defined('contextWindowTokens', number(values['context-window'], '--context-window')),
    ...defined('maxBodyBytes', number(values['max-body-bytes'], '--max-body-bytes')),
    ...((maxKeys !== undefined || maxBytes !== undefined) && {
      idempotency: { ...defined('maxKeys', maxKeys), ...defined('maxBytes', maxBytes) },
    }),
    ...defined('state', readState(values.state)),
  };
  return { help: false, options, stateFile: values.state, saveState: values['save-state'] };
}

function parseFlags(args: readonly string[]) {
  try {
    return parseArgs({
      // `pnpm run mock -- --port 4010` passes the `--` through: ignore it.
      args: args.filter((arg) => arg !== '--'),
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string', multiple: true },
        seed: { type: 'string' },
        'stream-delay': { type: 'string' },
        latency: { type: 'string' },
        'fault-rate': { type: 'string' },
        'fault-kinds': { type: 'string' },
        'fault-retry-after': { type: 'string' },
        'context-window': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'idempotency-max-keys': { type: 'string' },
        'idempotency-max-bytes': { type: 'string' },
        state: { type: 'string' },
        'save-state': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    // Node's messages may span lines; the CLI says what is wrong in one.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliArgumentError(message.replace(/\s*\n\s*/g, ' '));
  }
}

/** `{ [name]: value }`, or nothing when the flag was not given (options stay unset, not undefined). */
function defined<Name extends string, Value>(
  name: Name,
  value: Value | undefined,
): { [Key in Name]?: Value } {
  return value === undefined ? {} : ({ [name]: value } as { [Key in Name]: Value });
}

function number(text: string | undefined, flag: string): number | undefined {
  return text === undefined ? undefined : parseNumber(text, flag);
}

/** A number as written, or a refusal; its range is the option's to check. */
function parseNumber(text: string, flag: string): number {
  // `Number('')` and `Number(' ')` are 0: an empty value is a mistake, not zero.
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new CliArgumentError(`${flag}: expected a number, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** `--latency 20` (fixed) or `--latency 20-80` (drawn from the range with the seed). */
function latency(text: string | undefined): MockOptions['latency'] {
  if (text === undefined) return undefined;
  const range = /^([^-]+)-([^-]+)$/.exec(text);
  if (!range) return parseNumber(text, '--latency');
  return {
    min: parseNumber(range[1] ?? '', '--latency'),
    max: parseNumber(range[2] ?? '', '--latency'),
  };
}

/** The snapshot file, with the journal a killed run left beside it applied. */
function readState(file: string | undefined): string | MockStateSnapshot | undefined {
  if (file === undefined) return undefined;
  try {
    return readStateFile(file);
  } catch (error) {
    if (error instanceof MockStateError)
      throw new CliArgumentError(`--state ${file}: ${error.message}`);
    throw new CliArgumentError(
      `--state: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
