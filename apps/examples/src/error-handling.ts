// Error handling: every failure is a typed error. Retries are automatic (connection errors,
// timeouts, 408/409/429/5xx) and reuse one Idempotency-Key, so a retried send is never
// stored twice.
import {
  AuthenticationError,
  ChatRoutes,
  ChatRoutesError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
} from 'chatroutes';

/** What an application might tell its user, by kind of failure. */
function explain(error: unknown): string {
  if (error instanceof RateLimitError) return `rate limited, retry after ${error.retryAfter} s`;
  if (error instanceof AuthenticationError) return `check your API key (${error.status})`;
  if (error instanceof NotFoundError) return `not found (${error.status}): ${error.message}`;
  if (error instanceof ValidationError) return `invalid request: ${error.message}`;
  if (error instanceof ServerError) return `the service failed (${error.status}), try later`;
  if (error instanceof NetworkError) return `no answer from the service: ${error.message}`;
  if (error instanceof ChatRoutesError) return `${error.code}: ${error.message}`;
  throw error;
}

const client = new ChatRoutes({ retryAttempts: 2, retryDelay: 200 });

try {
  await client.conversations.get('conv_does_not_exist');
} catch (error) {
  console.log(`Getting a missing conversation: ${explain(error)}`);
}

const conversation = await client.conversations.create({ title: 'Errors' });
try {
  // A model the service does not support is refused with a 400.
  await client.messages.send(conversation.id, { content: 'Hello', model: 'gpt-4' as 'gpt-5' });
} catch (error) {
  console.log(`Sending with model gpt-4: ${explain(error)}`);
}

try {
  await new ChatRoutes({ apiKey: 'cr_wrong_key', retryAttempts: 0 }).autobranch.health();
  console.log('The wrong key was accepted (the offline mock accepts any key by default).');
} catch (error) {
  console.log(`Calling with a wrong key: ${explain(error)}`);
}

try {
  await client.conversations.get('');
} catch (error) {
  // Bad arguments fail before any request is sent, naming the argument.
  console.log(`Getting an empty id: ${(error as Error).message}`);
}
