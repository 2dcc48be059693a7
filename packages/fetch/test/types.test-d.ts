import { describe, expectTypeOf, it } from 'vitest';
import {
  type Checkpoint,
  createClient,
  type MessageMetadata,
  type MODELS,
  type ModelName,
} from '../src/index.js';

const client = createClient({ apiKey: 'k' });
const path = { conversationId: 'conv_1' };

describe('the typed client refuses misuse at compile time', () => {
  it('knows the paths', () => {
    // @ts-expect-error: no such path
    client.GET('/conversation/{conversationId}', { params: { path } });
    // @ts-expect-error: GET on a POST-only path
    client.GET('/autobranch/suggest-branches');
  });

  it('requires the required body fields', () => {
    client.POST('/conversations/{conversationId}/messages', {
      params: { path },
      body: { content: 'hi' },
    });
    client.POST('/conversations/{conversationId}/messages', {
      params: { path },
      // @ts-expect-error: `content` is required
      body: { model: 'gpt-5' },
    });
    client.POST('/conversations/{conversationId}/checkpoints', {
      params: { path },
      // @ts-expect-error: both checkpoint fields are required
      body: { branchId: 'b' },
    });
  });

  it('checks enum values', () => {
    // @ts-expect-error: not a filter
    client.GET('/conversations', { params: { query: { filter: 'archived' } } });
    client.POST('/conversations/{conversationId}/messages', {
      params: { path },
      // @ts-expect-error: a model is a name, not a number
      body: { content: 'hi', model: 5 },
    });
  });

  it('keeps ModelName open: the eight names, and any other string', () => {
    // A model released after this SDK needs no new release (the service refuses unknown ones).
    client.POST('/conversations/{conversationId}/messages', {
      params: { path },
      body: { content: 'hi', model: 'gpt-6-preview' },
    });
    expectTypeOf<'gpt-6-preview'>().toExtend<ModelName>();
    expectTypeOf<'gpt-5'>().toExtend<ModelName>();
    // The names stay distinct literals (editors offer them), and MODELS lists exactly them.
    type Named<T> = T extends string ? (string extends T ? never : T) : never;
    expectTypeOf<keyof typeof MODELS>().toEqualTypeOf<Named<ModelName>>();
    expectTypeOf<keyof typeof MODELS>().toEqualTypeOf<
      | 'gpt-5'
      | 'claude-opus-4-1'
      | 'claude-opus-4'
      | 'claude-opus-4-0'
      | 'claude-sonnet-4-5'
      | 'claude-sonnet-4-0'
      | 'claude-3-7-sonnet-latest'
      | 'claude-3-5-haiku-latest'
    >();
  });

  it('requires path parameters', () => {
    // @ts-expect-error: conversationId is missing
    client.GET('/conversations/{conversationId}', { params: { path: {} } });
  });

  it('keeps the wire names', () => {
    expectTypeOf<Checkpoint>().toHaveProperty('token_count').toEqualTypeOf<number>();
    expectTypeOf<MessageMetadata>().toHaveProperty('checkpoint_used');
  });
});
