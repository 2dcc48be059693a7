import type { SendMessageResponse } from '@chatroutes/fetch/contract';
import { envelopeData, malformed } from '../internal/envelope.js';

/**
 * The reply of a send, always under `message`: older servers sent it as `assistantMessage`
 * (the spec keeps that field, deprecated), and callers should not have to know.
 */
export function sendResponse(
  body: { data?: SendMessageResponse } | undefined,
): SendMessageResponse {
  const data = envelopeData(body);
  const message = data.message ?? data.assistantMessage;
  if (!message) throw malformed('`data.message`');
  return { ...data, message };
}
