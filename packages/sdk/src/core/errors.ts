import { isRecord } from '../internal/json.js';
import type { Redact } from '../internal/redact.js';
import { requestIdOf } from '../internal/request-id.js';
import { retryAfterMs } from '../internal/retry-after.js';

/**
 * Every failure the SDK surfaces is a `ChatRoutesError` subclass.
 *
 * `instanceof` must hold even when two copies of the package are loaded (ESM and CJS side by
 * side, or two versions in one bundle), so identity is not the prototype chain: each instance
 * carries, under a global symbol, the `kind` of every class in its chain, and each class's
 * `Symbol.hasInstance` looks its own `kind` up in that list. Kinds are explicit strings
 * because minifiers rename classes.
 */
const KINDS = Symbol.for('chatroutes.error.kinds');

/** What an error is made of, besides its message: the fields every `ChatRoutesError` may carry. */
export interface ChatRoutesErrorInit {
  /** HTTP status, when the server answered. */
  status?: number | undefined;
  /** Machine-readable code: the server's `code` when it sent one, else the class default. */
  code?: string | undefined;
  /** Extra information from the server's error body (e.g. validation failures). */
  details?: unknown;
  /** The `x-request-id` response header, to quote when contacting support. */
  requestId?: string | undefined;
  /** The underlying failure (a network error, the caller's abort reason…). */
  cause?: unknown;
  /** The reply text a stream had received when it failed. */
  partialText?: string | undefined;
}

/** The fields of `ChatRoutesErrorInit` an error has only when they are given. */
const OPTIONAL_FIELDS = ['status', 'details', 'requestId', 'partialText'] as const;

/**
 * The base of every error the SDK throws: `catch (e) { if (e instanceof ChatRoutesError) … }`.
 * Its subclasses tell what happened; `status`, `code`, `details` and `requestId` say more.
 *
 * Each subclass declares its `name` as a string literal. Besides telling a reader which class
 * an error is, that makes every class its own type: TypeScript compares classes by their
 * shape, and without a field of their own `NotFoundError` and `ValidationError` would be one
 * type, so `instanceof` could not narrow from one to the other.
 */
export class ChatRoutesError extends Error {
  /**
   * The class's identity for `instanceof` across copies of the package: its name, spelled
   * out because minifiers rename classes.
   * @internal
   */
  static readonly kind: string = 'ChatRoutesError';
  /** @internal The `code` of an error whose server sent none. */
  static readonly defaultCode: string = 'chatroutes_error';

  /** HTTP status, when the server answered. */
  declare readonly status?: number;
  /** Machine-readable code: the server's `code` when it sent one, else the class default. */
  readonly code: string;
  /** Extra information from the server's error body (e.g. validation failures). */
  declare readonly details?: unknown;
  /** The `x-request-id` response header, to quote when contacting support. */
  declare readonly requestId?: string;
  /**
   * The reply text received before the failure, on every error a `MessageStream` ends with
   * once its response arrived (`StreamError`, the `idleTimeout` `TimeoutError`, `AbortError`).
   */
  declare readonly partialText?: string;

  constructor(message: string, init: ChatRoutesErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    const type = new.target as typeof ChatRoutesError;
    // Not enumerable, so that `util.inspect` and `JSON.stringify` show only the useful fields.
    Object.defineProperty(this, 'name', { value: type.kind, configurable: true, writable: true });
    Object.defineProperty(this, KINDS, { value: kindsOf(type) });
    this.code = init.code ?? type.defaultCode;
    for (const key of OPTIONAL_FIELDS) this.setField(key, init[key]);
  }

  /**
   * Sets a field the error has only when it is known: enumerable, as `code` (what
   * `util.inspect` and `JSON.stringify` show), and read-only.
   * @internal
   */
  protected setField(key: string, value: unknown): void {
    if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
  }

  /** What `JSON.stringify(error)` shows: name, message and the fields above (never the API key). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

// Installed with defineProperty because `Function.prototype[Symbol.hasInstance]` is read-only.
// Subclasses inherit it, and `this` is then the class on the right of `instanceof`.
Object.defineProperty(ChatRoutesError, Symbol.hasInstance, { value: hasKindOf });

function hasKindOf(this: typeof ChatRoutesError, value: unknown): boolean {
  // A caller's own subclass has no `kind` of its own: fall back to the prototype chain.
  if (!Object.hasOwn(this, 'kind')) return Function.prototype[Symbol.hasInstance].call(this, value);
  const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
  return Array.isArray(kinds) && kinds.includes(this.kind);
}

// The subclasses below give their identity as static fields holding string literals, which
// bundlers know to be free of side effects: a bundle that uses no instance of a class leaves
// it out.

/** 400 or 422: the request was refused as invalid (e.g. an unsupported model). */
export class ValidationError extends ChatRoutesError {
  /** Always `'ValidationError'`. */
  declare readonly name: 'ValidationError';
  /** @internal */
  static override readonly kind = 'ValidationError';
  /** @internal */
  static override readonly defaultCode = 'validation_error';
}

/** 401: the API key is missing, malformed or revoked. */
export class AuthenticationError extends ChatRoutesError {
  /** Always `'AuthenticationError'`. */
  declare readonly name: 'AuthenticationError';
  /** @internal */
  static override readonly kind = 'AuthenticationError';
  /** @internal */
  static override readonly defaultCode = 'authentication_error';
}

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends ChatRoutesError {
  /** Always `'PermissionDeniedError'`. */
  declare readonly name: 'PermissionDeniedError';
  /** @internal */
  static override readonly kind = 'PermissionDeniedError';
  /** @internal */
  static override readonly defaultCode = 'permission_denied';
}

/** 404: no such resource, or it belongs to someone else. */
export class NotFoundError extends ChatRoutesError {
  /** Always `'NotFoundError'`. */
  declare readonly name: 'NotFoundError';
  /** @internal */
  static override readonly kind = 'NotFoundError';
  /** @internal */
  static override readonly defaultCode = 'not_found';
}

/** 409: the request conflicts with the current state (retried, as it is often transient). */
export class ConflictError extends ChatRoutesError {
  /** Always `'ConflictError'`. */
  declare readonly name: 'ConflictError';
  /** @internal */
  static override readonly kind = 'ConflictError';
  /** @internal */
  static override readonly defaultCode = 'conflict';
}

/** 429: too many requests. `retryAfter`: the seconds the server asked us to wait. */
export class RateLimitError extends ChatRoutesError {
  /** Always `'RateLimitError'`. */
  declare readonly name: 'RateLimitError';
  /** Seconds the server asked us to wait, from `Retry-After` / `retry-after-ms` or the body. */
  declare readonly retryAfter?: number;
  /** @internal */
  static override readonly kind = 'RateLimitError';
  /** @internal */
  static override readonly defaultCode = 'rate_limited';

  constructor(
    message: string,
    init: ChatRoutesErrorInit & {
      /** Seconds the server asked us to wait. */
      retryAfter?: number | undefined;
    } = {},
  ) {
    super(message, init);
    this.setField('retryAfter', init.retryAfter);
  }
}

/**
 * 3xx: the server answered with a redirect, which the SDK never follows. Following it would
 * resend a POST as a GET without its body (301/302/303), or send the `Idempotency-Key` and
 * your headers to another origin; a changed `baseUrl` should be fixed where it is configured.
 * `location` is where the server pointed, when it said (browsers hide it).
 */
export class RedirectError extends ChatRoutesError {
  /** Always `'RedirectError'`. */
  declare readonly name: 'RedirectError';
  /** The redirect's `Location` header, when the runtime lets us read it. */
  declare readonly location?: string;
  /** @internal */
  static override readonly kind = 'RedirectError';
  /** @internal */
  static override readonly defaultCode = 'redirect';

  constructor(
    message: string,
    init: ChatRoutesErrorInit & {
      /** The redirect's `Location` header. */
      location?: string | undefined;
    } = {},
  ) {
    super(message, init);
    this.setField('location', init.location);
  }
}

/** 500 or above; `status` keeps the real code (502 from a proxy stays 502). */
export class ServerError extends ChatRoutesError {
  /** Always `'ServerError'`. */
  declare readonly name: 'ServerError';
  /** @internal */
  static override readonly kind = 'ServerError';
  /** @internal */
  static override readonly defaultCode = 'server_error';
}

/** No response at all: connection refused or reset, DNS failure, body cut off. */
export class NetworkError extends ChatRoutesError {
  /** `'NetworkError'`, or `'TimeoutError'` for the subclass that is one too. */
  declare readonly name: 'NetworkError' | 'TimeoutError';
  /** @internal */
  static override readonly kind: string = 'NetworkError';
  /** @internal */
  static override readonly defaultCode: string = 'network_error';
}

/** An attempt exceeded `timeout` (or a stream exceeded `idleTimeout` between events). */
export class TimeoutError extends NetworkError {
  /** Always `'TimeoutError'`. */
  declare readonly name: 'TimeoutError';
  /** @internal */
  static override readonly kind = 'TimeoutError';
  /** @internal */
  static override readonly defaultCode = 'timeout';
}

/** The caller aborted the request through its `AbortSignal` (never retried). */
export class AbortError extends ChatRoutesError {
  /** Always `'AbortError'`. */
  declare readonly name: 'AbortError';
  /** @internal */
  static override readonly kind = 'AbortError';
  /** @internal */
  static override readonly defaultCode = 'aborted';
}

/** A stream was malformed or ended without its `complete` chunk. */
export class StreamError extends ChatRoutesError {
  /** Always `'StreamError'`. */
  declare readonly name: 'StreamError';
  /** The reply text received before the failure (`''` if none). */
  declare readonly partialText: string;
  /** @internal */
  static override readonly kind = 'StreamError';
  /** @internal */
  static override readonly defaultCode = 'stream_error';

  constructor(message: string, init: ChatRoutesErrorInit = {}) {
    super(message, { ...init, partialText: init.partialText ?? '' });
  }
}

const classByStatus: Readonly<Record<number, typeof ChatRoutesError>> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: ValidationError,
  429: RateLimitError,
};

/**
 * The error for a response the server answered with a non-2xx status. `body` is the parsed
 * JSON body when it was JSON, else its raw text (e.g. a proxy's HTML page) or `undefined`.
 * Everything taken from the server (the body and the request id) goes through `redact`
 * first; callers that hold the API key must pass the client's.
 * @internal
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  body: unknown,
  redact: Redact = keep,
): ChatRoutesError {
  const clean = redact(body);
  const envelope = isRecord(clean) ? clean : {};
  const init: ChatRoutesErrorInit = {
    status,
    requestId: requestIdOf(headers, redact),
    code: typeof envelope.code === 'string' ? envelope.code : undefined,
    details: envelope.details,
  };

  const message = describe(status, clean, envelope);
  if (status === 429) {
    const waitMs = retryAfterMs(headers);
    const fromBody = typeof envelope.retryAfter === 'number' ? envelope.retryAfter : undefined;
    const retryAfter = waitMs === undefined ? fromBody : waitMs / 1000;
    return new RateLimitError(message, { ...init, retryAfter });
  }
  const type = status >= 500 ? ServerError : (classByStatus[status] ?? ChatRoutesError);
  return new type(message, init);
}

const keep: Redact = (value) => value;

function describe(status: number, body: unknown, envelope: Record<string, unknown>): string {
  for (const text of [envelope.message, envelope.error]) {
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  if (typeof body === 'string' && body.trim() !== '') {
    return `The server answered ${status} with a body that is not JSON`;
  }
  return `The server answered ${status}`;
}

function kindsOf(type: typeof ChatRoutesError): string[] {
  const kinds: string[] = [];
  for (let t: unknown = type; typeof t === 'function'; t = Object.getPrototypeOf(t)) {
    if (Object.hasOwn(t, 'kind')) kinds.push((t as typeof ChatRoutesError).kind);
  }
  return kinds;
}
