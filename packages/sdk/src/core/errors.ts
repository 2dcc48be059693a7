import type { Redact } from './redact.js';
import { requestIdOf } from './request-id.js';
import { retryAfterMs } from './retry-after.js';

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

/** The fields an error has only when its `init` gives them (those of subclasses included). */
const OPTIONAL_FIELDS = ['status', 'details', 'requestId', 'partialText', 'retryAfter', 'location'];

/**
 * The base of every error the SDK throws: `catch (e) { if (e instanceof ChatRoutesError) … }`.
 * Its subclasses tell what happened; `status`, `code`, `details` and `requestId` say more.
 */
export class ChatRoutesError extends Error {
  /** @internal */
  static readonly kind: string = 'ChatRoutesError';
  /** @internal */
  static readonly defaultCode: string = 'chatroutes_error';
  /** @internal The values of fields every instance of the class has. */
  declare static readonly defaults?: Record<string, unknown>;

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

  constructor(
    message: string,
    // Spelled out rather than named: the reference documents it with the constructor.
    init: {
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
    } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    const type = new.target as typeof ChatRoutesError;
    // Not enumerable, so that `util.inspect` and `JSON.stringify` show only the useful fields.
    Object.defineProperty(this, 'name', { value: type.kind, configurable: true, writable: true });
    Object.defineProperty(this, KINDS, { value: kindsOf(type) });
    this.code = init.code ?? type.defaultCode;
    const given = init as Record<string, unknown>;
    for (const key of OPTIONAL_FIELDS) {
      const value = given[key] ?? type.defaults?.[key];
      // Enumerable, as `code`: what `util.inspect` and `JSON.stringify` show.
      if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
    }
  }

  /** What `JSON.stringify(error)` shows: name, message and the fields above (never the API key). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/**
 * An error class that adds nothing but its identity: its `kind` (the name, kept through
 * minification), its default `code`, and the values of the fields it always has. One line
 * per class instead of a class body each, and pure: a bundle that uses no instance of a
 * class leaves it out. `Instance` and `Fields` type what it adds.
 */
function defineError<Instance extends ChatRoutesError = ChatRoutesError, Fields = unknown>(
  parent: new (message: string, init?: ChatRoutesErrorInit) => ChatRoutesError,
  kind: string,
  defaultCode: string,
  defaults?: Partial<Fields>,
): ErrorClass<Instance, Fields> {
  const type = class extends parent {};
  Object.defineProperties(type, {
    kind: { value: kind },
    defaultCode: { value: defaultCode },
    defaults: { value: defaults },
  });
  return type as unknown as ErrorClass<Instance, Fields>;
}

/**
 * The type of every error class but `ChatRoutesError` itself: `new` it with a message and the
 * fields it carries (`instanceof` narrows to `Instance`).
 */
export interface ErrorClass<Instance extends ChatRoutesError = ChatRoutesError, Fields = unknown> {
  new (
    message: string,
    init?: ConstructorParameters<typeof ChatRoutesError>[1] & {
      [Key in keyof Fields]?: Fields[Key] | undefined;
    },
  ): Instance;
  /** What the instances inherit. */
  readonly prototype: Instance;
  /** @internal */
  readonly kind: string;
  /** @internal */
  readonly defaultCode: string;
}

/** What an error is made of, besides its message (the base constructor's `init`). */
export type ChatRoutesErrorInit = NonNullable<ConstructorParameters<typeof ChatRoutesError>[1]>;

// Installed with defineProperty because `Function.prototype[Symbol.hasInstance]` is read-only.
// Subclasses inherit it, and `this` is then the class on the right of `instanceof`.
Object.defineProperty(ChatRoutesError, Symbol.hasInstance, { value: hasKindOf });

function hasKindOf(this: typeof ChatRoutesError, value: unknown): boolean {
  // A caller's own subclass has no `kind` of its own: fall back to the prototype chain.
  if (!Object.hasOwn(this, 'kind')) return Function.prototype[Symbol.hasInstance].call(this, value);
  const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
  return Array.isArray(kinds) && kinds.includes(this.kind);
}

/** 400 or 422: the request was refused as invalid (e.g. an unsupported model). */
export const ValidationError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'ValidationError',
  'validation_error',
);
/** 400 or 422: the request was refused as invalid (e.g. an unsupported model). */
export type ValidationError = ChatRoutesError;

/** 401: the API key is missing, malformed or revoked. */
export const AuthenticationError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'AuthenticationError',
  'authentication_error',
);
/** 401: the API key is missing, malformed or revoked. */
export type AuthenticationError = ChatRoutesError;

/** 403: the key is valid but may not do this. */
export const PermissionDeniedError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'PermissionDeniedError',
  'permission_denied',
);
/** 403: the key is valid but may not do this. */
export type PermissionDeniedError = ChatRoutesError;

/** 404: no such resource, or it belongs to someone else. */
export const NotFoundError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'NotFoundError',
  'not_found',
);
/** 404: no such resource, or it belongs to someone else. */
export type NotFoundError = ChatRoutesError;

/** 409: the request conflicts with the current state (retried, as it is often transient). */
export const ConflictError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'ConflictError',
  'conflict',
);
/** 409: the request conflicts with the current state (retried, as it is often transient). */
export type ConflictError = ChatRoutesError;

/** 429: too many requests. `retryAfter`: the seconds the server asked us to wait. */
export const RateLimitError = /* @__PURE__ */ defineError<
  RateLimitError,
  Pick<RateLimitError, 'retryAfter'>
>(ChatRoutesError, 'RateLimitError', 'rate_limited');
/** 429: too many requests. `retryAfter`: the seconds the server asked us to wait. */
export type RateLimitError = ChatRoutesError & {
  /** Seconds the server asked us to wait, from `Retry-After` / `retry-after-ms` or the body. */
  readonly retryAfter?: number;
};

/**
 * 3xx: the server answered with a redirect, which the SDK never follows. Following it would
 * resend a POST as a GET without its body (301/302/303), or send the `Idempotency-Key` and
 * your headers to another origin; a changed `baseUrl` should be fixed where it is configured.
 * `location` is where the server pointed, when it said (browsers hide it).
 */
export const RedirectError = /* @__PURE__ */ defineError<
  RedirectError,
  Pick<RedirectError, 'location'>
>(ChatRoutesError, 'RedirectError', 'redirect');
/** 3xx: the server answered with a redirect, which the SDK never follows. */
export type RedirectError = ChatRoutesError & {
  /** The redirect's `Location` header, when the runtime lets us read it. */
  readonly location?: string;
};

/** 500 or above; `status` keeps the real code (502 from a proxy stays 502). */
export const ServerError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'ServerError',
  'server_error',
);
/** 500 or above; `status` keeps the real code (502 from a proxy stays 502). */
export type ServerError = ChatRoutesError;

/** No response at all: connection refused or reset, DNS failure, body cut off. */
export const NetworkError = /* @__PURE__ */ defineError(
  ChatRoutesError,
  'NetworkError',
  'network_error',
);
/** No response at all: connection refused or reset, DNS failure, body cut off. */
export type NetworkError = ChatRoutesError;

/** An attempt exceeded `timeout` (or a stream exceeded `idleTimeout` between events). */
export const TimeoutError = /* @__PURE__ */ defineError(NetworkError, 'TimeoutError', 'timeout');
/** An attempt exceeded `timeout` (or a stream exceeded `idleTimeout` between events). */
export type TimeoutError = ChatRoutesError;

/** The caller aborted the request through its `AbortSignal` (never retried). */
export const AbortError = /* @__PURE__ */ defineError(ChatRoutesError, 'AbortError', 'aborted');
/** The caller aborted the request through its `AbortSignal` (never retried). */
export type AbortError = ChatRoutesError;

/** A stream was malformed or ended without its `complete` chunk. */
export const StreamError = /* @__PURE__ */ defineError<
  StreamError,
  Pick<StreamError, 'partialText'>
>(ChatRoutesError, 'StreamError', 'stream_error', { partialText: '' });
/** A stream was malformed or ended without its `complete` chunk. */
export type StreamError = ChatRoutesError & {
  /** The reply text received before the failure (`''` if none). */
  readonly partialText: string;
};

const classByStatus: Readonly<Record<number, ErrorClass>> = {
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
