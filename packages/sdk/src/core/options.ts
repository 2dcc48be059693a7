import { DEFAULT_BASE_URL } from '@chatroutes/fetch/contract';
import {
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_RETRY_DELAY,
  DEFAULT_TIMEOUT,
} from '../internal/defaults.js';
import { isBrowser, pageRelativeUrl } from '../internal/platform.js';
import {
  numberSettings,
  optionalObject,
  requireCount,
  requireNonNegative,
  requirePositive,
  requireString,
} from '../internal/validate.js';
import { type Logger, type LogLevel, requireLogLevel } from './logging.js';
import type { Middleware } from './middleware.js';

/** What `new ChatRoutes(options)` accepts; every field is optional. */
export interface ClientOptions {
  /** Defaults to the `CHATROUTES_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Defaults to `CHATROUTES_BASE_URL`, else `https://api.chatroutes.com/api/v1`. */
  baseUrl?: string | undefined;
  /** Milliseconds per attempt (default 60 000). For streams: until the response headers. */
  timeout?: number | undefined;
  /** Retries after the first attempt (default 3; 0 disables retries). */
  retryAttempts?: number | undefined;
  /** First backoff delay in milliseconds (default 1000), doubled on each retry. */
  retryDelay?: number | undefined;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /**
   * Merged into every `fetch` the client makes: an undici `dispatcher` (a proxy), `keepalive`,
   * `priority`… It cannot replace what the SDK sets itself: `method`, `headers`, `body`,
   * `signal` and `redirect`.
   */
  fetchOptions?: RequestInit | undefined;
  /** Runs around every HTTP attempt, in order (see {@link Middleware}). */
  middleware?: Middleware[] | undefined;
  /**
   * What to log (default `'warn'`, or the `CHATROUTES_LOG` environment variable): `'debug'`
   * logs every attempt with its headers and bodies, `'info'` every retry. Credentials are
   * never logged, and what the server sends back is redacted.
   */
  logLevel?: LogLevel | undefined;
  /** Where to log (default `console`): any object with `debug`, `info`, `warn`, `error`. */
  logger?: Logger | undefined;
  /**
   * Allows the client in a web page. Off by default: an API key in a page is readable by
   * anyone who opens it. Keep the key on a server and relay the stream to the browser
   * (`MessageStream.toReadableStream()` there, `MessageStream.fromReadableStream()` here).
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Accepted as the last argument of every method. */
export interface RequestOptions {
  /** Cancels the request, including a pending retry wait; it then rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt `timeout` for this call. */
  timeout?: number | undefined;
  /** Overrides the client's `retryAttempts` for this call. */
  retryAttempts?: number | undefined;
  /** Overrides the client's `retryDelay` (the first backoff, in ms) for this call. */
  retryDelay?: number | undefined;
  /** The `Idempotency-Key` of a POST (default: a fresh UUID per call, reused on its retries). */
  idempotencyKey?: string | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** Merged over the client's `fetchOptions` for this call. */
  fetchOptions?: RequestInit | undefined;
}

/** How one call is carried out: the client's settings with the call's overrides applied. */
export interface CallSettings {
  timeout: number;
  retryAttempts: number;
  retryDelay: number;
  fetch: typeof fetch;
  /** Merged into every `fetch` of the call. */
  fetchOptions: RequestInit | undefined;
}

export interface ClientSettings extends CallSettings {
  /** None for a client of a relay on the page's own server (a `baseUrl` that is a path). */
  apiKey: string | undefined;
  baseUrl: string;
  defaultHeaders: Record<string, string>;
  middleware: readonly Middleware[];
  logLevel: LogLevel;
  logger: Logger;
}

/** The numeric settings a client has and each call may override, with their checks. */
const callNumbers = {
  timeout: requirePositive,
  retryAttempts: requireCount,
  retryDelay: requireNonNegative,
};

const defaultNumbers = {
  timeout: DEFAULT_TIMEOUT,
  retryAttempts: DEFAULT_RETRY_ATTEMPTS,
  retryDelay: DEFAULT_RETRY_DELAY,
};

/** Validates and completes the client options once, at construction. */
export function resolveClientOptions(options: ClientOptions = {}): ClientSettings {
  optionalObject('options', options);
  const relayUrl = pageRelativeUrl(options.baseUrl);
  // A relay on the page's server holds the key: the page needs none, so it has none to show.
  const apiKey =
    relayUrl && options.apiKey === undefined ? undefined : resolveApiKey(options.apiKey);
  if (apiKey && isBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new TypeError(
      "In a browser, new ChatRoutes() would show your API key to anyone who opens the page: keep it on your server behind a relay (chatroutes/server) and give the page baseUrl: '/api/chatroutes' and no key, or pass dangerouslyAllowBrowser: true if every user may see the key.",
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('options.fetch must be a function');
  return {
    apiKey,
    baseUrl: resolveBaseUrl(relayUrl ?? options.baseUrl),
    ...numberSettings(callNumbers, options, defaultNumbers, 'options.'),
    // Bound to globalThis: some runtimes refuse a detached `fetch` (Illegal invocation).
    fetch: options.fetch ?? fetchImpl.bind(globalThis),
    fetchOptions: fetchOptions('options.fetchOptions', options.fetchOptions),
    defaultHeaders: { ...optionalObject('options.defaultHeaders', options.defaultHeaders) },
    middleware: middleware(options.middleware),
    logLevel: requireLogLevel(
      options.logLevel === undefined ? 'CHATROUTES_LOG' : 'options.logLevel',
      options.logLevel ?? readEnv('CHATROUTES_LOG') ?? 'warn',
    ),
    logger: logger(options.logger),
  };
}

/** Validates a call's options and gives the settings they change, the client's applied. */
export function resolveCallSettings(
  client: CallSettings,
  options: RequestOptions,
): Omit<CallSettings, 'fetch'> {
  optionalObject('options', options);
  if (options.idempotencyKey !== undefined) {
    requireString('options.idempotencyKey', options.idempotencyKey);
  }
  optionalObject('options.headers', options.headers);
  return {
    ...numberSettings(callNumbers, options, client, 'options.'),
    fetchOptions:
      options.fetchOptions === undefined
        ? client.fetchOptions
        : { ...client.fetchOptions, ...fetchOptions('options.fetchOptions', options.fetchOptions) },
  };
}

// What the pipeline sets on every fetch itself; `fetchOptions` may not replace it.
const reservedFetchOptions = ['method', 'headers', 'body', 'signal', 'redirect'] as const;

function fetchOptions(name: string, value: RequestInit | undefined): RequestInit | undefined {
  if (optionalObject(name, value) === undefined) return undefined;
  const reserved = reservedFetchOptions.find((key) => key in (value as RequestInit));
  if (reserved) {
    throw new TypeError(
      `${name}.${reserved} cannot be set: the SDK sets it (use headers/defaultHeaders, signal)`,
    );
  }
  return value;
}

function middleware(value: Middleware[] | undefined): readonly Middleware[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((layer) => typeof layer !== 'function')) {
    throw new TypeError('options.middleware must be an array of functions');
  }
  return [...value];
}

function logger(value: Logger | undefined): Logger {
  if (value === undefined) return console;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (methods.some((method) => typeof value?.[method] !== 'function')) {
    throw new TypeError('options.logger must have debug, info, warn and error methods');
  }
  return value;
}

// What an HTTP header value may carry of a key: visible ASCII. A newline or NUL would make
// `fetch` throw an error that prints the whole header, key included.
const keyCharacters = /^[\x21-\x7e]+$/;

export function resolveApiKey(option: string | undefined): string {
  const name = option === undefined ? 'CHATROUTES_API_KEY' : 'options.apiKey';
  const apiKey = option ?? readEnv('CHATROUTES_API_KEY');
  if (apiKey === undefined) {
    throw new TypeError('No API key: pass new ChatRoutes({ apiKey }) or set CHATROUTES_API_KEY');
  }
  requireString(name, apiKey);
  if (!keyCharacters.test(apiKey)) {
    // The key is never shown, not even in part: only where the bad character is.
    const at = [...apiKey].findIndex((char) => !keyCharacters.test(char));
    throw new TypeError(
      `${name} contains a character an HTTP header cannot carry (whitespace, a control or non-ASCII character) at position ${at}; the key is not shown. A trailing newline from a file is the usual cause.`,
    );
  }
  return apiKey;
}

/**
 * A plain origin and path: a `?query` or `#fragment` would end up in the middle of every
 * request's URL, and `user:password@` would travel in every request and be shown wherever the
 * URL is (the messages below never echo the value, which may hold credentials).
 */
export function resolveBaseUrl(option: string | undefined): string {
  const name = option === undefined ? 'CHATROUTES_BASE_URL' : 'options.baseUrl';
  const text = requireString(name, option ?? readEnv('CHATROUTES_BASE_URL') ?? DEFAULT_BASE_URL);
  const url = parseUrl(text);
  if (!url || !/^https?:\/\/[^/]/i.test(text)) {
    throw new TypeError(`${name} must be an absolute http(s) URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(
      `${name} must not contain credentials (user:password@): the key goes in apiKey`,
    );
  }
  if (text.includes('?') || text.includes('#')) {
    throw new TypeError(
      `${name} must be an origin and a path, without a ?query or #fragment (every request path is appended to it)`,
    );
  }
  return text.replace(/\/+$/, '');
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    // The runtime's error quotes the input, which may hold credentials.
    return undefined;
  }
}

/** Reads an environment variable where one exists (Node, Deno, Bun), never throwing elsewhere. */
function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  let value: string | undefined;
  try {
    value = env?.[name]?.trim();
  } catch {
    // Deno without `--allow-env` for this name throws NotCapable: a variable we may not read
    // is one that is not set.
    return undefined;
  }
  return value ? value : undefined;
}
