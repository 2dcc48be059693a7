/** Minimal wire objects, valid against the spec, for tests that script the server's answers. */
export const at = '2026-01-01T00:00:00.000Z';

export const conversation = (id = 'conv_1', title = 'Trip') => ({
  id,
  userId: 'user_1',
  title,
  createdAt: at,
  updatedAt: at,
});

export const message = (id: string, role: 'user' | 'assistant' = 'user', content = 'Hi') => ({
  id,
  conversationId: 'conv_1',
  branchId: 'br_main',
  role,
  content,
  createdAt: at,
});

export const branch = (id: string, isMain = false, title = id) => ({
  id,
  conversationId: 'conv_1',
  title,
  isMain,
  isActive: true,
  createdAt: at,
});

export const checkpoint = (id: string, createdAt = at) => ({
  id,
  conversation_id: 'conv_1',
  branch_id: 'br_main',
  anchor_message_id: 'msg_2',
  summary: 'A summary',
  token_count: 12,
  created_at: createdAt,
});

export const usage = { promptTokens: 3, completionTokens: 5, totalTokens: 8 };

/** `{ success: true, data }`, the envelope of almost every answer. */
export const ok = (data: unknown) => ({ success: true, data });
