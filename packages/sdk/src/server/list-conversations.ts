import type { Conversation, ConversationList } from '@chatroutes/fetch/contract';
import { errorAnswer, NO_STORE } from './answers.js';
import type { Ownership } from './ownership.js';
import { relayAnswer, type Upstream } from './upstream.js';

/** A query parameter that must be a whole number from 1 to `max`; `NaN` when it is not. */
function count(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = query.get(name);
  const value = text === null ? fallback : Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : Number.NaN;
}

/**
 * `GET /conversations` for one user: the API would list every conversation of the app's
 * key, so the relay pages through the user's own (newest first) and fetches each one. `total`
 * and `hasNext` count the user's conversations only; `filter=shared` is empty, since the
 * relay shares nothing between users.
 */
export async function listOwnConversations(
  query: URLSearchParams,
  userId: string,
  ownership: Ownership,
  upstream: Upstream,
  signal: AbortSignal,
): Promise<Response> {
  const page = count(query, 'page', 1, Number.MAX_SAFE_INTEGER);
  const limit = count(query, 'limit', 20, 100);
  const filter = query.get('filter') ?? 'all';
  if (Number.isNaN(page + limit) || !['all', 'owned', 'shared'].includes(filter)) {
    return errorAnswer(400, 'VALIDATION_ERROR', 'Invalid page, limit or filter');
  }
  const offset = (page - 1) * limit;
  const { ids, total } =
    filter === 'shared' ? { ids: [], total: 0 } : await ownership.list(userId, offset, limit);
  const conversations: Conversation[] = [];
  for (const answer of await Promise.all(ids.map((id) => getSummary(id, upstream, signal)))) {
    if (answer instanceof Response) return answer;
    if (answer) conversations.push(answer);
  }
  const list: ConversationList = {
    conversations,
    total,
    page,
    limit,
    hasNext: offset + limit < total,
  };
  return Response.json(list, { headers: NO_STORE });
}

/**
 * One conversation as the list shows it (without its messages and branches); `undefined`
 * when the API no longer has it, the API's error answer when it fails.
 */
async function getSummary(
  id: string,
  upstream: Upstream,
  signal: AbortSignal,
): Promise<Conversation | Response | undefined> {
  const response = await upstream.send(`/conversations/${encodeURIComponent(id)}`, {
    method: 'GET',
    headers: new Headers(),
    signal,
  });
  if (response.status === 404) return undefined;
  let conversation: Conversation | undefined;
  const answer = await relayAnswer(response, upstream, async (body) => {
    conversation = (body as { data?: { conversation?: Conversation } }).data?.conversation;
  });
  if (!conversation) return answer.ok ? undefined : answer;
  const { messages: _messages, branches: _branches, ...summary } = conversation;
  return summary;
}
