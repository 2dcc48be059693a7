import { describe, expectTypeOf, it } from 'vitest';
import {
  type Checkpoint,
  createClient,
  type MessageMetadata,
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
    client.POST('/conversations/{conversationId}/messages', {
      params: { path },
      // @ts-expect-error: not a ModelName
      body: { content: 'hi', model: 'gpt-4' },
    });
    // @ts-expect-error: not a filter
    client.GET('/conversations', { params: { query: { filter: 'archived' } } });
    expectTypeOf<'gpt-5'>().toExtend<ModelName>();
    expectTypeOf<'gpt-4'>().not.toExtend<ModelName>();
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
