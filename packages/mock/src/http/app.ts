import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ApiFailure } from '../domain/errors.js';
import type { FaultPlanner } from '../domain/faults.js';
import type { IdempotencyStore } from '../domain/idempotency.js';
import type { MockEnv } from './env.js';
import { clientGone, errorResponse, internalError, routeNotFound, shuttingDown } from './errors.js';
import { autobranchHandlers } from './handlers/autobranch.js';
import { branchHandlers } from './handlers/branches.js';
import { checkpointHandlers } from './handlers/checkpoints.js';
import { conversationHandlers } from './handlers/conversations.js';
import { messageHandlers } from './handlers/messages.js';
import { auth } from './middleware/auth.js';
import { bodyLimit } from './middleware/body-limit.js';
import { faults } from './middleware/faults.js';
import { idempotency } from './middleware/idempotency.js';
import { latency } from './middleware/latency.js';
import { requestId } from './middleware/request-id.js';
import type { HandlerDeps } from './operation.js';
import { registerOperations } from './routes.js';

/** The path the service serves its API under: `https://api.chatroutes.com/api/v1`. */
export const API_BASE_PATH = '/api/v1';

export interface AppParts extends HandlerDeps {
  acceptedKeys: ReadonlySet<string> | undefined;
  nextRequestId: () => string;
  latencyMs: () => number;
  faultPlanner: FaultPlanner;
  idempotencyStore: IdempotencyStore;
  maxBodyBytes: number;
}

/**
 * The mock as a Hono app. Every request goes through, in order: request id, CORS (so a
 * browser page can call it), the body size limit, simulated latency, auth, fault
 * injection, idempotency, then the operation's validation and handler.
 */
export function buildApp(parts: AppParts): Hono<MockEnv> {
  const api = new Hono<MockEnv>();
  api.use(bodyLimit(parts.maxBodyBytes));
  api.use(latency(parts.latencyMs, parts.shutdown));
  api.use(auth(parts.acceptedKeys));
  api.use(faults(parts.faultPlanner, parts.shutdown));
  api.use(idempotency(parts.idempotencyStore));
  registerOperations(api, {
    ...conversationHandlers(parts),
    ...messageHandlers(parts),
    ...branchHandlers(parts),
    ...checkpointHandlers(parts),
    ...autobranchHandlers(),
  });

  const app = new Hono<MockEnv>();
  app.use(requestId(parts.nextRequestId));
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Idempotency-Key', 'x-mock-fault'],
      exposeHeaders: ['x-request-id', 'retry-after', 'idempotent-replayed', 'allow'],
      maxAge: 600,
    }),
  );
  app.route(API_BASE_PATH, api);
  app.notFound((c) => routeNotFound(c.req.method, c.req.path));
  app.onError((error, c) => {
    if (error instanceof ApiFailure) return errorResponse(error);
    // The client hung up mid-request (its body could not be read): nobody gets this answer,
    // and it is the client's doing, not a bug worth a stack trace.
    if (c.req.raw.signal.aborted) return clientGone();
    // The mock was closed while the request waited (for its branch, say): not a bug either.
    if (parts.shutdown.aborted) return shuttingDown();
    // A bug in the mock, not a simulated fault: answer as the service would, and say why.
    console.error('[chatroutes-mock]', error);
    return internalError(error instanceof Error ? error.message : String(error));
  });
  return app;
}
