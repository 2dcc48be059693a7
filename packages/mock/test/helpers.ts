import { createSpecValidator } from '@chatroutes/openapi';
import { expect } from 'vitest';
import { createMockApp, type MockOptions } from '../src/index.js';

const spec = createSpecValidator();

export const API_KEY = 'test-key';
const BASE = 'https://api.chatroutes.com/api/v1';

export interface ApiResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the spec allows.
  body: any;
  text: string;
}

/**
 * Checks a response against the spec: JSON bodies against the operation's declared schema
 * for that status, each SSE chunk against StreamChunk. Any drift between mock and spec
 * fails the test that made the request.
 */
export function expectMatchesSpec(operationId: string, status: number, body: unknown): void {
  expect(spec.validateResponse(operationId, status, body), `${operationId} ${status}`).toEqual([]);
}

export function expectChunkMatchesSpec(chunk: unknown): void {
  expect(spec.validateSchema('StreamChunk', chunk)).toEqual([]);
}

/** Statuses the spec does not declare, which the mock still answers with its ErrorResponse. */
export function expectErrorShape(body: unknown): void {
  expect(spec.validateSchema('ErrorResponse', body)).toEqual([]);
}

/** The `data:` payloads of an SSE body, in order. */
export function sseData(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      expect(event.includes('\n')).toBe(false);
      return event.slice('data: '.length);
    });
}

type Call = (
  operationId: string,
  method: string,
  path: string,
  options?: { body?: unknown; headers?: Record<string, string>; rawBody?: string },
) => Promise<ApiResult>;

/**
 * A fresh mock driven through its fetch handler. `call` sends one request and validates
 * the answer against the spec for `operationId`.
 */
export function setup(options: MockOptions = {}) {
  const mock = createMockApp({ streamDelayMs: 0, ...options });
  const call: Call = async (operationId, method, path, { body, headers, rawBody } = {}) => {
    const response = await mock.fetch(`${BASE}${path}`, {
      method,
      headers: {
        authorization: `ApiKey ${API_KEY}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...((body !== undefined || rawBody !== undefined) && {
        body: rawBody ?? JSON.stringify(body),
      }),
    });
    const text = await response.text();
    const result: ApiResult = {
      status: response.status,
      headers: response.headers,
      body: undefined,
      text,
    };
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{16}$/);
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      result.body = sseData(text).map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
      for (const chunk of result.body) if (chunk !== '[DONE]') expectChunkMatchesSpec(chunk);
    } else {
      result.body = JSON.parse(text);
      if ([409, 422].includes(response.status)) expectErrorShape(result.body);
      else expectMatchesSpec(operationId, response.status, result.body);
    }
    return result;
  };

  /** Shortcuts for the calls most tests need as set-up. */
  const createConversation = async (input: Record<string, unknown> = { title: 'Test' }) =>
    (await call('createConversation', 'POST', '/conversations', { body: input })).body.data
      .conversation;
  const send = async (conversationId: string, input: Record<string, unknown>) =>
    (
      await call('sendMessage', 'POST', `/conversations/${conversationId}/messages`, {
        body: input,
      })
    ).body.data;
  const sendOnBranch = async (conversationId: string, branchId: string, content: string) =>
    (
      await call(
        'sendBranchMessage',
        'POST',
        `/conversations/${conversationId}/branches/${branchId}/messages`,
        { body: { content } },
      )
    ).body.data;
  const messages = async (conversationId: string, branchId?: string) =>
    (
      await call(
        'listMessages',
        'GET',
        `/conversations/${conversationId}/messages${branchId ? `?branchId=${branchId}` : ''}`,
      )
    ).body.data.messages;

  return { mock, call, createConversation, send, sendOnBranch, messages };
}
