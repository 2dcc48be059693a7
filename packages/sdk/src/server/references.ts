import type { Ownership } from './ownership.js';
import type { Route } from './route.js';

/**
 * The first id a request carries besides its conversation (its `references`: a branch in the
 * path, a branch or message in the body or the query) that the relay has not seen in that
 * conversation; `undefined` when each one is the conversation's. Its kind (`Branch`,
 * `Message`) names what the answer says was not found.
 *
 * The API looks these ids up within the conversation too, so another user's id is "not
 * found" there. Checking them here keeps the promise without relying on that: a request
 * naming anything outside the caller's conversation never reaches the API.
 */
export async function foreignReference(
  route: Route,
  conversationId: string,
  query: URLSearchParams,
  body: Uint8Array | undefined,
  ownership: Ownership,
): Promise<string | undefined> {
  const references = route.rule.references ?? [];
  if (references.length === 0) return undefined;
  const fields = jsonObject(body);
  for (const reference of references) {
    const [where, name] = reference.split('.') as ['path' | 'body' | 'query', string];
    const value =
      where === 'path' ? route.params[name] : where === 'query' ? query.get(name) : fields[name];
    // An absent id names nothing; one that is no string is the API's to refuse.
    if (typeof value !== 'string') continue;
    if ((await ownership.locate(value)) !== conversationId) {
      return /branch/i.test(name) ? 'Branch' : 'Message';
    }
  }
  return undefined;
}

/** The request's JSON object body, or an empty one (the API answers a body that is not JSON). */
function jsonObject(body: Uint8Array | undefined): Record<string, unknown> {
  if (!body) return {};
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
