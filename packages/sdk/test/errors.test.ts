import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ChatRoutesError,
  ConflictError,
  errorFromResponse,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
  ValidationError,
} from '../src/core/errors.js';

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
    const secondCopy = '../src/core/errors.js?second-copy';
    const copy = (await import(secondCopy)) as typeof import('../src/core/errors.js');
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
