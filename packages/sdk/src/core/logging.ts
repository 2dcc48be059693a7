import type { Redact } from '../internal/redact.js';

/** How much the client logs: each level includes the ones after it; `'off'` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Where log lines go: `console` (the default), pino, winston, or any object of this shape. */
export interface Logger {
  /** Each HTTP attempt, with headers and bodies (redacted). */
  debug(message: string, ...details: unknown[]): void;
  /** Each retry, with its reason and wait. */
  info(message: string, ...details: unknown[]): void;
  /** Something the caller should look at. */
  warn(message: string, ...details: unknown[]): void;
  /** A failure. */
  error(message: string, ...details: unknown[]): void;
}

type LogLine = (message: string, details: Record<string, unknown>) => void;

/**
 * The log methods of the enabled levels only: a disabled level is absent, so what it would
 * have logged is never even computed (`log.debug?.(…)`), and logging costs nothing when off.
 */
export interface Log {
  debug?: LogLine;
  info?: LogLine;
}

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/** Checks a level given as an option or as `CHATROUTES_LOG`. */
export function requireLogLevel(name: string, value: unknown): LogLevel {
  if (!levels.includes(value as LogLevel)) {
    throw new TypeError(`${name} must be one of ${levels.join(', ')}`);
  }
  return value as LogLevel;
}

/**
 * The pipeline's log: every line prefixed, every detail redacted. A logger that throws is
 * ignored: logging never changes an outcome (a send the server stored rejected with a
 * logger's error would be retried by its caller, and stored twice).
 */
export function createLog(level: LogLevel, logger: Logger, redact: Redact): Log {
  const enabled = (at: 'debug' | 'info'): LogLine | undefined =>
    levels.indexOf(level) <= levels.indexOf(at)
      ? (message, details) => {
          try {
            logger[at](`[chatroutes] ${redact(message)}`, redact(details));
          } catch {
            // The logger's own failure, which is no failure of the request.
          }
        }
      : undefined;
  return { debug: enabled('debug'), info: enabled('info') };
}

// Headers that carry credentials: shown as present, never with their value.
const secretHeaders = /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;

/** Headers as a plain object for a log line, credentials masked. */
export function loggableHeaders(headers: Headers): Record<string, string> {
  const shown: Record<string, string> = {};
  headers.forEach((value, name) => {
    shown[name] = secretHeaders.test(name) ? '[redacted]' : value;
  });
  return shown;
}
