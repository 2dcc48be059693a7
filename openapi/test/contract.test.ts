import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSpecValidator,
  httpMethods,
  loadSpec,
  type OpenApiDocument,
  type PrismServer,
  startPrism,
} from '../src/index.js';

const spec = loadSpec();
const validator = createSpecValidator(spec);

/** The 25 operations of the ChatRoutes API, by tag, exactly as the contract lists them. */
const expectedOperations: Record<string, string[]> = {
  Conversations: [
    'createConversation',
    'listConversations',
    'getConversation',
    'updateConversation',
    'deleteConversation',
    'getConversationTree',
  ],
  Messages: ['sendMessage', 'streamMessage', 'listMessages', 'updateMessage', 'deleteMessage'],
  Branches: [
    'listBranches',
    'createBranch',
    'forkConversation',
    'updateBranch',
    'deleteBranch',
    'listBranchMessages',
    'sendBranchMessage',
    'mergeBranch',
  ],
  Checkpoints: ['listCheckpoints', 'createCheckpoint', 'deleteCheckpoint', 'recreateCheckpoint'],
  AutoBranch: ['suggestBranches', 'autobranchHealth'],
};

interface Operation {
  id: string;
  method: string;
  path: string;
  node: OpenApiDocument;
  parameters: OpenApiDocument[];
}

const resolve = (node: OpenApiDocument): OpenApiDocument => {
  if (!node.$ref) return node;
  return String(node.$ref)
    .slice(2)
    .split('/')
    .reduce((at: OpenApiDocument, key: string) => at[key], spec);
};

const operations: Operation[] = Object.entries<OpenApiDocument>(spec.paths).flatMap(
  ([path, item]) =>
    httpMethods
      .filter((method) => item[method])
      .map((method) => ({
        id: item[method].operationId,
        method: method.toUpperCase(),
        path,
        node: item[method],
        parameters: [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map(resolve),
      })),
);

/** Builds a request from the spec's own examples: path and query parameters, headers, body. */
function exampleRequest(operation: Operation, baseUrl: string) {
  let path = operation.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { Authorization: 'ApiKey cr_test_contract' };
  for (const parameter of operation.parameters) {
    // Optional parameters without an example (Idempotency-Key) are left out.
    if (parameter.example === undefined) continue;
    const value = String(parameter.example);
    if (parameter.in === 'path')
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    if (parameter.in === 'query') query.set(parameter.name, value);
    if (parameter.in === 'header') headers[parameter.name] = value;
  }
  const json = operation.node.requestBody?.content?.['application/json'];
  if (json) headers['Content-Type'] = 'application/json';
  if (operation.id === 'streamMessage') headers.Accept = 'text/event-stream';
  const search = query.size > 0 ? `?${query}` : '';
  return new Request(`${baseUrl}${path}${search}`, {
    method: operation.method,
    headers,
    body: json ? JSON.stringify(json.example) : undefined,
  });
}

/** Splits a buffered SSE body into the `data:` payloads of its events. */
function sseData(body: string): string[] {
  return body
    .split(/\r\n\r\n|\n\n|\r\r/)
    .filter((event) => event.trim() !== '')
    .map((event) =>
      event
        .split(/\r\n|\n|\r/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    );
}

describe('the contract', () => {
  it('holds exactly the 25 operations of the ChatRoutes API, each under its tag', () => {
    const byTag: Record<string, string[]> = {};
    for (const operation of operations) {
      expect(operation.node.tags, operation.id).toHaveLength(1);
      const tag = operation.node.tags[0];
      byTag[tag] = [...(byTag[tag] ?? []), operation.id];
    }
    const sorted = (record: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(record).map(([tag, ids]) => [tag, [...ids].sort()]));
    expect(sorted(byTag)).toEqual(sorted(expectedOperations));
    expect(operations).toHaveLength(25);
  });

  it.each(operations.map((operation) => [operation.id, operation] as const))(
    '%s documents itself, its errors and its idempotency',
    (_id, operation) => {
      expect(operation.node.description, 'operation description').toBeTruthy();
      for (const parameter of operation.parameters) {
        expect(parameter.description, `${parameter.name} description`).toBeTruthy();
        // Idempotency-Key alone has no example on purpose: tools replay examples, and one
        // fixed key sent with every POST made a fuzzer get 422 on ~40 % of its valid calls.
        if (parameter.name === 'Idempotency-Key') continue;
        expect(parameter.example, `${parameter.name} example`).toBeDefined();
      }
      const statuses = Object.keys(operation.node.responses);
      expect(statuses).toEqual(expect.arrayContaining(['400', '401', '404', '429', '500']));
      expect(statuses.filter((status) => status.startsWith('2'))).toHaveLength(1);
      expect(resolve(operation.node.responses['429']).headers?.['Retry-After']).toBeDefined();
      const idempotencyKey = operation.parameters.find((p) => p.name === 'Idempotency-Key');
      if (operation.method === 'POST') {
        expect(idempotencyKey?.required).toBe(false);
        // Nothing that invites reuse: no example or examples, and words that say "fresh per call".
        expect(idempotencyKey?.example).toBeUndefined();
        expect(idempotencyKey?.examples).toBeUndefined();
        expect(idempotencyKey?.schema?.example).toBeUndefined();
        expect(idempotencyKey?.description).toMatch(/fresh .* for each logical call/);
        // The body limit applies to every POST.
        expect(statuses).toContain('413');
        // A key still in flight (409) or reused with another body (422).
        expect(statuses).toEqual(expect.arrayContaining(['409', '422']));
      } else {
        expect(idempotencyKey).toBeUndefined();
      }
    },
  );

  it('links each creation to the operations that use what it created', () => {
    const byId = new Map(operations.map((operation) => [operation.id, operation]));
    const linked = new Set<string>();
    const filledFromAnswers = new Set<string>();
    for (const operation of operations) {
      for (const response of Object.values<OpenApiDocument>(operation.node.responses)) {
        for (const [name, link] of Object.entries<OpenApiDocument>(resolve(response).links ?? {})) {
          const where = `${operation.id} → ${name}`;
          const target = byId.get(link.operationId);
          expect(target, where).toBeDefined();
          const example = resolve(response).content?.['application/json']?.example;
          const pathNames = (target?.path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
          // Every path parameter of the target is filled, from a field the answer really has.
          expect(Object.keys(link.parameters ?? {}).sort(), where).toEqual(pathNames.sort());
          const exampleValueAt = (expression: string) => {
            const pointer = expression.replace(/^\$response\.body#/, '');
            expect(pointer, where).not.toBe(expression);
            return pointer
              .split('/')
              .slice(1)
              .reduce((node: OpenApiDocument | undefined, key) => node?.[key], example);
          };
          for (const expression of Object.values<string>(link.parameters ?? {})) {
            expect(typeof exampleValueAt(expression), `${where} ${expression}`).toBe('string');
          }
          // A body built from the answer (ids it carries, literals for the rest) is one the
          // target accepts once its expressions are filled in from the example.
          if (link.requestBody !== undefined) {
            const body = Object.fromEntries(
              Object.entries<unknown>(link.requestBody).map(([field, value]) => {
                if (typeof value !== 'string' || !value.startsWith('$')) return [field, value];
                filledFromAnswers.add(`${link.operationId}.${field}`);
                return [field, exampleValueAt(value)];
              }),
            );
            const schema = target?.node.requestBody?.content?.['application/json']?.schema;
            expect(schema, where).toBeDefined();
            expect(validator.validateSchema(schema.$ref.split('/').at(-1), body), where).toEqual(
              [],
            );
          }
          linked.add(link.operationId);
        }
      }
    }
    // Every operation that acts on something created is reachable from its creation.
    for (const id of [
      'getConversation',
      'sendMessage',
      'streamMessage',
      'updateMessage',
      'mergeBranch',
      'sendBranchMessage',
      'recreateCheckpoint',
      'deleteCheckpoint',
    ]) {
      expect(linked, id).toContain(id);
    }
    // Ids that only a body carries reach the operations that need them, so stateful tools
    // can fork at a message and checkpoint it, not only create and read.
    for (const field of [
      'forkConversation.forkPointMessageId',
      'createCheckpoint.branchId',
      'createCheckpoint.anchorMessageId',
    ]) {
      expect(filledFromAnswers, field).toContain(field);
    }
  });

  it('describes every property of every schema', () => {
    const undocumented: string[] = [];
    const visit = (schema: OpenApiDocument, where: string) => {
      for (const [name, property] of Object.entries<OpenApiDocument>(schema.properties ?? {})) {
        if (!property.description && !property.$ref) undocumented.push(`${where}.${name}`);
        visit(property, `${where}.${name}`);
      }
      for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? [])]) visit(part, where);
      if (schema.items) visit(schema.items, `${where}[]`);
    };
    for (const [name, schema] of Object.entries<OpenApiDocument>(spec.components.schemas)) {
      expect(schema.description, `${name} description`).toBeTruthy();
      visit(schema, name);
    }
    expect(undocumented).toEqual([]);
  });
});

describe('Prism serving the contract', () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(async () => {
    await prism?.close();
  });

  it.each(operations.map((operation) => [operation.id, operation] as const))(
    '%s: the example request is accepted and the example response is valid',
    async (_id, operation) => {
      const response = await fetch(exampleRequest(operation, prism.url));
      const text = await response.text();
      expect(response.status, `${response.headers.get('sl-violations')} ${text}`).toBeLessThan(300);
      const status = Object.keys(operation.node.responses).find((s) => s.startsWith('2'));
      expect(response.status).toBe(Number(status));

      if (operation.id !== 'streamMessage') {
        expect(validator.validateResponse(operation.id, response.status, JSON.parse(text))).toEqual(
          [],
        );
        return;
      }
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = sseData(text);
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
      for (const chunk of chunks)
        expect(validator.validateSchema('StreamChunk', chunk)).toEqual([]);
      expect(chunks.map((chunk) => chunk.type)).toEqual(['content', 'content', 'complete']);
      const text_ = chunks
        .filter((chunk) => chunk.type === 'content')
        .map((chunk) => chunk.content)
        .join('');
      expect(chunks.at(-1).message.content).toBe(text_);
    },
  );

  const post = (path: string, body: unknown) =>
    fetch(`${prism.url}${path}`, {
      method: 'POST',
      headers: { Authorization: 'ApiKey cr_test', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a sendMessage without content', async () => {
    const response = await post('/conversations/conv_8f3a2c1d5e/messages', { model: 'gpt-5' });
    // Prism answers an invalid body with 422 where the operation declares it (every POST does).
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toContain("required property 'content'");
  });

  it('refuses an unknown model name', async () => {
    const response = await post('/conversations/conv_8f3a2c1d5e/messages', {
      content: 'Hello',
      model: 'gpt-4',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toContain('allowed values');
  });

  it('refuses an unknown conversation filter', async () => {
    const response = await fetch(`${prism.url}/conversations?filter=archived`, {
      headers: { Authorization: 'ApiKey cr_test' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).toContain('filter');
  });

  it('refuses a request without an API key', async () => {
    const response = await fetch(`${prism.url}/autobranch/health`);
    expect(response.status).toBe(401);
  });

  it('answers a 429 with Retry-After when asked to', async () => {
    const response = await fetch(`${prism.url}/autobranch/health`, {
      headers: { Authorization: 'ApiKey cr_test', Prefer: 'code=429' },
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(validator.validateResponse('autobranchHealth', 429, await response.json())).toEqual([]);
  });
});

describe('the validator', () => {
  it('finds what is wrong with an invalid body', () => {
    const problems = validator.validateResponse('getConversation', 200, {
      success: true,
      data: { conversation: { id: 'conv_1', title: 3 } },
    });
    expect(problems.join('\n')).toContain("must have required property 'userId'");
    expect(problems.join('\n')).toContain('/data/conversation/title must be string');
  });

  it('knows the unwrapped conversation page from the wrapped envelopes', () => {
    const page = { conversations: [], total: 0, page: 1, limit: 20 };
    expect(validator.validateResponse('listConversations', 200, page)).toEqual([]);
    expect(validator.validateResponse('getConversation', 200, page)).not.toEqual([]);
  });

  it('checks snake_case checkpoints', () => {
    const camel = {
      id: 'cp_1',
      conversationId: 'conv_1',
      branchId: 'br_1',
      anchorMessageId: 'msg_1',
      summary: 's',
      tokenCount: 1,
      createdAt: '2025-10-14T09:14:00.000Z',
    };
    expect(validator.validateSchema('Checkpoint', camel)).not.toEqual([]);
  });
});
