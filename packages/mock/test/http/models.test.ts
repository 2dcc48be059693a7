import { loadSpec } from '@chatroutes/openapi';
import { describe, expect, it } from 'vitest';
import { setup } from '../helpers.js';

// Read from the contract itself, not from generated code: a name the generator or the
// catalogue lost would otherwise be lost on both sides of the comparison.
const specModelNames: string[] = loadSpec().components.schemas.ModelName.enum;

describe('the model catalogue', () => {
  it('reads the eight names of the spec', () => {
    expect(specModelNames).toHaveLength(8);
  });

  it.each(specModelNames)('answers with %s under its resolved provider id', async (model) => {
    const { createConversation, send } = setup();
    const conversation = await createConversation({ title: model, model });
    const reply = await send(conversation.id, { content: 'Which model are you?', model });
    // The service reports the provider's dated id, never the alias it was asked for.
    expect(reply.model).toMatch(/-\d{4}-?\d{2}-?\d{2}$/);
    expect(reply.model.startsWith(model.replace(/-(latest|0)$/, ''))).toBe(true);
    expect(reply.message.metadata.model).toBe(reply.model);
    expect(reply.message.metadata.cost).toBeGreaterThan(0);
  });
});
