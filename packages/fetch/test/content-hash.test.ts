import { describe, expect, it } from 'vitest';
import { contentHashInput } from '../src/contract.js';

// What Python's json.dumps(fields, separators=(',', ':')) writes for the same fields: the text
// whose SHA-256 is the contentHash (the SDK's and the mock's tests check the digests).
describe('contentHashInput', () => {
  it('writes the fields in their order, compact, a missing model and parent as null', () => {
    expect(
      contentHashInput({
        role: 'user',
        content: 'Hi',
        branchId: 'br_1',
        createdAt: '2025-10-14T09:13:02.000Z',
      }),
    ).toBe(
      '{"v":1,"role":"user","content":"Hi","model":null,"parentMessageId":null,"branchId":"br_1","createdAt":"2025-10-14T09:13:02.000Z"}',
    );
  });

  it('escapes as json.dumps does by default: quotes, controls, DEL, non-ASCII, surrogates', () => {
    const text = contentHashInput({
      role: 'assistant',
      content: 'Olá 👋 "q" \\ \n\t\x7f\x01 日',
      parentMessageId: 'msg_1',
      branchId: null,
      createdAt: 't',
      metadata: { model: 'gpt-5' },
    });
    expect(text).toBe(
      '{"v":1,"role":"assistant","content":"Ol\\u00e1 \\ud83d\\udc4b \\"q\\" \\\\ \\n\\t\\u007f\\u0001 \\u65e5","model":"gpt-5","parentMessageId":"msg_1","branchId":null,"createdAt":"t"}',
    );
  });
});
