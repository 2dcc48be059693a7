import { notFound, refused, tooLarge, unauthorized } from './answers.js';
import { DEFAULT_MAX_BODY_BYTES, readBoundedBody } from './body.js';
import { upstreamRequestHeaders } from './headers.js';
import { type Authenticate, type RelayUser, userIdempotencyKey } from './identity.js';
import { idsIn, tapStream } from './learn.js';
import { listOwnConversations } from './list-conversations.js';
import type { OperationId } from './operations.js';
import type { Ownership } from './ownership.js';
import { foreignReference } from './references.js';
import { matchRoute, type Route } from './route.js';
import { createUpstream, relayAnswer, type UpstreamOptions } from './upstream.js';

/** What the per-request hook is told: who asks for which operation. */
export interface RelayEvent {
  /** The browser's request, its body not yet read. */
  request: Request;
  /** The signed-in user, as `authenticate` returned them. */
  user: RelayUser;
  /** The operation of the spec the request names. */
  operation: OperationId;
  /** The path's parameters (`conversationId`, `messageId`, …), decoded. */
  params: Readonly<Record<string, string>>;
}

/** What `createRelay()` accepts: `authenticate` and `ownership` are required. */
export interface RelayOptions {
  /** The app's session check (see {@link Authenticate}). */
  authenticate: Authenticate;
  /** Where the relay records who owns which conversation (see {@link Ownership}). */
  ownership: Ownership;
  /** The API the relay forwards to, and its key (by default, from the environment). */
  upstream?: UpstreamOptions | undefined;
  /** Where the relay is mounted; what follows it is the API's path. Default `/api/chatroutes`. */
  basePath?: string | undefined;
  /** Operations the app does not offer, e.g. `['deleteConversation']`; answered 403. */
  refuse?: readonly OperationId[] | undefined;
  /**
   * Runs for every authenticated request to an operation before anything is checked or sent:
   * to audit, or to rate-limit (return a `Response`, e.g. a 429, to answer it instead).
   */
  onRequest?:
    | ((event: RelayEvent) => undefined | Response | Promise<undefined | Response>)
    | undefined;
  /** The largest request body, in bytes (default 1 MiB); a larger one is answered 413. */
  maxBodyBytes?: number | undefined;
}

/** A Fetch-API handler: what `createRelay()` returns, for any server that speaks `Request`. */
export type RelayHandler = (request: Request) => Promise<Response>;

const noSuchOperation = () => notFound('Operation');

/**
 * The relay between browsers and ChatRoutes: the browser's `ChatRoutes` client points its
 * `baseUrl` at it (no key in the page), and the relay authenticates each request, lets a user
 * touch only the conversations they created through it, and forwards with the server's key.
 */
export function createRelay(options: RelayOptions): RelayHandler {
  const { authenticate, ownership, onRequest } = options;
  // Checked now: a relay without them would fail every request, or let everyone through.
  if (typeof authenticate !== 'function' || !ownership) {
    throw new TypeError('createRelay: authenticate and ownership are required');
  }
  const upstream = createUpstream(options.upstream ?? {});
  const basePath = (options.basePath ?? '/api/chatroutes').replace(/\/+$/, '');
  const refusedOperations = new Set(options.refuse);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  /** The conversation the request touches, `null` for none, or the answer to a non-owner. */
  async function conversationOf(route: Route, user: RelayUser): Promise<string | null | Response> {
    const { scope } = route.rule;
    if (scope === 'create' || scope === 'any' || scope === 'list') return null;
    const { conversationId, messageId, checkpointId } = route.params;
    const id =
      scope === 'conversation'
        ? conversationId
        : await ownership.locate((messageId ?? checkpointId) as string);
    // Asked even for an id the relay has not seen, so an unknown id takes as long as another
    // user's: no lookup fewer tells them apart.
    const owner = await ownership.ownerOf(id ?? '');
    // `Conversation not found`, `Message not found`, `Checkpoint not found`: what the API says
    // of an id that does not exist.
    return owner === user.userId
      ? (id as string)
      : notFound(scope[0]?.toUpperCase() + scope.slice(1));
  }

  /** Records what a successful answer changed: a new owner, ids learned, ids gone. */
  async function record(
    route: Route,
    user: RelayUser,
    conversationId: string | null,
    body: unknown,
  ) {
    const { scope, forgets } = route.rule;
    if (scope === 'create') {
      const id = (body as { data?: { conversation?: { id?: unknown } } }).data?.conversation?.id;
      if (typeof id !== 'string') return;
      await ownership.claim(id, user.userId);
      // Its first branch and messages, which the next requests may name.
      const ids = idsIn(body, id);
      if (ids.length > 0) await ownership.learn(id, ids);
    } else if (conversationId === null) {
      // AutoBranch: nothing to record.
    } else if (forgets === 'conversation') {
      await ownership.release(conversationId);
    } else if (forgets === 'resource') {
      await ownership.forget((route.params.messageId ?? route.params.checkpointId) as string);
    } else {
      const ids = idsIn(body, conversationId);
      if (ids.length > 0) await ownership.learn(conversationId, ids);
    }
  }

  return async (request) => {
    const url = new URL(request.url);
    const user = await authenticate(request);
    if (!user || typeof user.userId !== 'string' || user.userId === '') return unauthorized();
    if (!url.pathname.startsWith(`${basePath}/`)) return noSuchOperation();
    const route = matchRoute(request.method, url.pathname.slice(basePath.length));
    if (!route) return noSuchOperation();
    if (refusedOperations.has(route.id)) return refused();
    const hooked = await onRequest?.({ request, user, operation: route.id, params: route.params });
    if (hooked) return hooked;

    if (route.rule.scope === 'list') {
      return listOwnConversations(
        url.searchParams,
        user.userId,
        ownership,
        upstream,
        request.signal,
      );
    }
    const conversationId = await conversationOf(route, user);
    if (conversationId instanceof Response) return conversationId;

    const headers = upstreamRequestHeaders(request.headers);
    const key = headers.get('idempotency-key');
    if (key !== null) headers.set('idempotency-key', await userIdempotencyKey(user.userId, key));
    const hasBody = request.method !== 'GET' && request.method !== 'DELETE';
    const body = hasBody ? await readBoundedBody(request, maxBodyBytes) : undefined;
    if (hasBody && body === undefined) return tooLarge(maxBodyBytes);
    if (conversationId !== null) {
      const foreign = await foreignReference(
        route,
        conversationId,
        url.searchParams,
        body,
        ownership,
      );
      if (foreign) return notFound(foreign);
    }

    const response = await upstream.send(route.upstreamPath + url.search, {
      method: request.method,
      headers,
      ...(body && { body }),
      signal: request.signal,
    });
    return relayAnswer(
      response,
      upstream,
      (answer) => record(route, user, conversationId, answer),
      (stream) =>
        conversationId === null
          ? stream
          : tapStream(stream, conversationId, (ids) => ownership.learn(conversationId, ids)),
    );
  };
}
