import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  ChatRoutesError,
  ConflictError,
  errorFromResponse,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  StreamError,
  TimeoutError,
  ValidationError,
} from '../../src/core/errors.js';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);

describe('errorFromResponse', () => {
  it.each([
    [400, ValidationError],
    [422, ValidationError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
  ])('maps %i to %s', (status, type) => {
    const error = errorFromResponse(status, headers(), { success: false, error: 'nope' });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error.status).toBe(status);
    expect(error.message).toBe('nope');
  });

  it('maps an unlisted status to the base class', () => {
    const error = errorFromResponse(418, headers(), undefined);
    expect(error.constructor).toBe(ChatRoutesError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(error.message).toBe('The server answered 418');
  });

  it('prefers the human message, keeps code, details and the request id', () => {
    const error = errorFromResponse(400, headers({ 'x-request-id': 'req_1' }), {
      success: false,
      error: 'Bad',
      message: 'Unsupported model: x',
      code: 'model',
      details: [1],
    });
    expect(error).toMatchObject({
      message: 'Unsupported model: x',
      code: 'model',
      details: [1],
      requestId: 'req_1',
    });
  });

  it('keeps the real status of an HTML page from a proxy', () => {
    const error = errorFromResponse(502, headers(), '<html>Bad Gateway</html>');
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/502.*not JSON/);
  });

  it('reads retryAfter from the header first, then from the body', () => {
    const fromHeader = errorFromResponse(429, headers({ 'retry-after': '7' }), { retryAfter: 2 });
    expect((fromHeader as RateLimitError).retryAfter).toBe(7);
    const fromBody = errorFromResponse(429, headers(), { retryAfter: 2 });
    expect((fromBody as RateLimitError).retryAfter).toBe(2);
  });
});

describe('the error classes', () => {
  it('have a name per class, default codes and a subclass chain', () => {
    const timeout = new TimeoutError('slow');
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.code).toBe('timeout');
    expect(timeout).toBeInstanceOf(NetworkError);
    expect(timeout).toBeInstanceOf(ChatRoutesError);
    expect(timeout).toBeInstanceOf(Error);
    expect(timeout).not.toBeInstanceOf(ServerError);
    expect(String(timeout)).toBe('TimeoutError: slow');
  });

  it('serialise their fields, and nothing undefined', () => {
    const error = new StreamError('cut', { partialText: 'Hel', requestId: 'r' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'StreamError',
      message: 'cut',
      code: 'stream_error',
      requestId: 'r',
      partialText: 'Hel',
    });
    expect(inspect(new NotFoundError('gone'))).not.toContain('undefined');
  });

  it('hold instanceof across two loaded copies of the module', async () => {
    // A query string makes the module loader evaluate a second, independent copy.
    const secondCopy = '../../src/core/errors.js?second-copy';
    const copy = (await import(secondCopy)) as typeof import('../../src/core/errors.js');
    expect(copy.NotFoundError).not.toBe(NotFoundError);
    const foreign = new copy.NotFoundError('gone', { status: 404 });
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(ChatRoutesError);
    expect(foreign).not.toBeInstanceOf(ServerError);
    expect(new NotFoundError('x')).toBeInstanceOf(copy.ChatRoutesError);
    expect(new copy.TimeoutError('x')).toBeInstanceOf(NetworkError);
  });

  it('fall back to the prototype chain for a caller-defined subclass', () => {
    class MyError extends NotFoundError {}
    expect(new MyError('x')).toBeInstanceOf(MyError);
    expect(new MyError('x')).toBeInstanceOf(NotFoundError);
    expect(new NotFoundError('x')).not.toBeInstanceOf(MyError);
    expect({}).not.toBeInstanceOf(ChatRoutesError);
    expect(null).not.toBeInstanceOf(ChatRoutesError);
  });
});

describe('the error types', () => {
  // Checked by `tsc --noEmit` (the package's lint): each class is its own type, so
  // `instanceof` narrows from one to the next, as `except NotFoundError … except
  // RateLimitError as e` does in Python.
  const narrow = (error: ChatRoutesError | undefined): string => {
    if (error instanceof NotFoundError) {
      expectTypeOf(error).toEqualTypeOf<NotFoundError>();
      return 'not found';
    }
    if (error instanceof RateLimitError) {
      expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
      return `retry in ${error.retryAfter ?? '?'} s`;
    }
    if (error instanceof TimeoutError) return 'timeout';
    if (error instanceof NetworkError) {
      expectTypeOf(error.name).toEqualTypeOf<'NetworkError' | 'TimeoutError'>();
      return 'network';
    }
    if (error instanceof StreamError) {
      expectTypeOf(error.partialText).toEqualTypeOf<string>();
      return `cut after ${error.partialText}`;
    }
    if (error instanceof RedirectError) return `moved to ${error.location ?? '?'}`;
    if (error instanceof ValidationError) return 'invalid';
    if (error) {
      expectTypeOf(error).toEqualTypeOf<ChatRoutesError>();
      return error.code;
    }
    expectTypeOf(error).toEqualTypeOf<undefined>();
    return 'none';
  };

  it('narrow one after the other through instanceof', () => {
    expect(narrow(new NotFoundError('gone'))).toBe('not found');
    expect(narrow(new RateLimitError('slow', { retryAfter: 3 }))).toBe('retry in 3 s');
    expect(narrow(new TimeoutError('slow'))).toBe('timeout');
    expect(narrow(new NetworkError('down'))).toBe('network');
    expect(narrow(new StreamError('cut', { partialText: 'Hel' }))).toBe('cut after Hel');
    expect(narrow(new RedirectError('moved', { location: '/v2' }))).toBe('moved to /v2');
    expect(narrow(new ValidationError('bad'))).toBe('invalid');
    expect(narrow(new ConflictError('busy'))).toBe('conflict');
    expect(narrow(undefined)).toBe('none');
  });

  it('are not assignable to one another', () => {
    // @ts-expect-error: a ValidationError is no NotFoundError
    const wrong: NotFoundError = new ValidationError('bad');
    // @ts-expect-error: nor is an AbortError a TimeoutError
    const late: TimeoutError = new AbortError('stop');
    // @ts-expect-error: a NetworkError need not be a TimeoutError
    const network: TimeoutError = new NetworkError('down');
    const timeout: NetworkError = new TimeoutError('slow');
    const base: ChatRoutesError = new ServerError('boom');
    expect([wrong, late, network, timeout, base]).toHaveLength(5);
  });

  it('take only the fields of their own class', () => {
    // @ts-expect-error: retryAfter belongs to RateLimitError
    const notFound = new NotFoundError('gone', { retryAfter: 3 });
    expect(notFound).not.toHaveProperty('retryAfter');
    expect(new RateLimitError('slow', { retryAfter: 3 }).retryAfter).toBe(3);
    expect(new StreamError('cut').partialText).toBe('');
    expect(new RedirectError('moved')).not.toHaveProperty('location');
  });
});
