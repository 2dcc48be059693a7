import type { MiddlewareHandler } from 'hono';
import { ApiFailure } from '../../domain/errors.js';
import { type Fault, FaultHeaderError, type FaultPlanner } from '../../domain/faults.js';
import { type MockContext, type MockEnv, replaceResponse } from '../env.js';
import { errorResponse, internalError, rateLimited } from '../errors.js';
import { truncateBody, truncateEvents } from '../fault-streams.js';
import { isEventStream } from '../sse.js';
import { untilAborted } from '../waits.js';

const BAD_GATEWAY_HTML =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>';

// How many events a cut or stalled stream delivers before it fails.
const CUT_STREAM_AFTER_EVENTS = 3;
const STALL_STREAM_AFTER_EVENTS = 1;

/**
 * Injects the fault the planner picks for this request (the `x-mock-fault` header, else
 * the seeded rate). "Before" faults answer without touching any data; `-after` faults and
 * stream faults let the request run first.
 */
export function faults(planner: FaultPlanner, shutdown: AbortSignal): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    let fault: Fault | undefined;
    try {
      fault = planner.decide({
        header: c.req.header('x-mock-fault') ?? null,
        retryIdentity: retryIdentity(c),
      });
    } catch (error) {
      if (error instanceof FaultHeaderError) {
        return errorResponse(new ApiFailure(400, 'Invalid x-mock-fault header', error.message));
      }
      throw error;
    }
    if (!fault) return next();

    const stop = AbortSignal.any([shutdown, c.req.raw.signal]);
    const streaming = c.req.path.endsWith('/messages/stream');
    switch (fault.kind) {
      case '429':
        return rateLimited(fault.retryAfterSeconds);
      case '500':
        return internalError();
      case '502-html':
        return c.html(BAD_GATEWAY_HTML, 502);
      case 'reset':
        c.env.resetConnection();
        return internalError('connection reset');
      case 'stall':
        if (streaming) {
          return afterNext(c, next, (res) =>
            truncateEvents(res, STALL_STREAM_AFTER_EVENTS, 'stall', stop),
          );
        }
        await untilAborted(stop);
        return internalError('stalled request abandoned');
      case 'cut-stream':
        return afterNext(c, next, (res) =>
          isEventStream(res)
            ? truncateEvents(res, CUT_STREAM_AFTER_EVENTS, 'cut', stop)
            : truncateBody(res),
        );
      case 'reset-after':
        await next();
        await runToEnd(c);
        c.env.resetConnection();
        replaceResponse(c, internalError('connection reset'));
        return;
      case '500-after':
        await next();
        // Errors the request itself produced (a 404, a 400) are answered as they are.
        if (!c.res.ok) return;
        await runToEnd(c);
        replaceResponse(c, internalError());
        return;
    }
  };
}

/**
 * The `-after` faults: the request is processed to its end, a stream included (its exchange
 * is committed, its key keeps the answer), and only then is the answer lost.
 */
async function runToEnd(c: MockContext): Promise<void> {
  await c.res.arrayBuffer();
}

/**
 * What makes two requests "the same request" for `count=`: the caller and its
 * Idempotency-Key (an SDK sends the same one on every retry), else the method and path.
 */
function retryIdentity(c: MockContext): string {
  const key = c.req.header('idempotency-key') ?? `${c.req.method} ${c.req.path}`;
  return `${c.get('owner')}\u0000${key}`;
}

async function afterNext(
  c: MockContext,
  next: () => Promise<void>,
  transform: (response: Response) => Response | Promise<Response>,
): Promise<void> {
  await next();
  // Errors the request itself produced (a 404, a 400) are answered as they are.
  if (c.res.ok) replaceResponse(c, await transform(c.res));
}
