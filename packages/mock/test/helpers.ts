import {
  createSpecValidator,
  httpMethods,
  loadSpec,
  type OpenApiDocument,
} from '@chatroutes/openapi';
import { expect } from 'vitest';
import { createMockApp, type MockOptions } from '../src/index.js';

const spec = createSpecValidator();
const document = loadSpec();

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

/**
 * A refusal the spec documents: the operation's response for that status shows an example
 * with this very `message`, so a client reading the spec knows it can happen.
 */
export function expectDocumentedRefusal(operationId: string, status: number, body: unknown): void {
  const operation = Object.values<OpenApiDocument>(document.paths)
    .flatMap((item) => httpMethods.map((method) => item[method]))
    .find((candidate) => candidate?.operationId === operationId);
  let response = operation?.responses?.[String(status)];
  if (typeof response?.$ref === 'string') {
    response = document.components.responses[response.$ref.split('/').at(-1)];
  }
  const content = response?.content?.['application/json'];
  const shown = [
    content?.example,
    ...Object.values<OpenApiDocument>(content?.examples ?? {}).map((example) => example.value),
  ].map((example) => example?.message);
  expect(shown, `${operationId} ${status}`).toContain((body as { message?: string }).message);
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
