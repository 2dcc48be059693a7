import { createMockServer } from '@chatroutes/mock/node';
import { ChatRoutes } from 'chatroutes';

export interface Backend {
  /** Where requests go and why there, in one line for the reader. */
  label: string;
  /** The base URL the client talks to. */
  url: string;
  /** The environment a ChatRoutes client reads its key and URL from. */
  env: { CHATROUTES_API_KEY: string; CHATROUTES_BASE_URL: string };
  close(): Promise<void>;
}

/** The set-up cannot work as given; the message says what to change. */
export class BackendChoiceError extends Error {
  override readonly name = 'BackendChoiceError';
}

/**
 * Picks the backend from the environment, the way the guides set it up:
 * - `CHATROUTES_BASE_URL` (and a key, any key for a mock): that server;
 * - only `CHATROUTES_API_KEY`: the ChatRoutes service;
 * - neither: the offline mock, started on a free loopback port for this run.
 */
export async function chooseBackend(
  environment: NodeJS.ProcessEnv = process.env,
): Promise<Backend> {
  const apiKey = environment.CHATROUTES_API_KEY || undefined;
  const baseUrl = environment.CHATROUTES_BASE_URL || undefined;
  if (baseUrl && !apiKey) {
    throw new BackendChoiceError(
      'CHATROUTES_BASE_URL is set but CHATROUTES_API_KEY is not: set a key as well (the mock accepts any key), or unset CHATROUTES_BASE_URL to use the offline mock.',
    );
  }
  if (apiKey) {
    // The client's own default, so the label can never disagree with where requests go.
    const url = new ChatRoutes({ apiKey, ...(baseUrl && { baseUrl }) }).baseUrl;
    const why = baseUrl
      ? 'CHATROUTES_BASE_URL points there'
      : 'CHATROUTES_API_KEY is set and CHATROUTES_BASE_URL is not; unset the key to use the offline mock';
    return {
      label: `${url} (${why})`,
      url,
      env: { CHATROUTES_API_KEY: apiKey, CHATROUTES_BASE_URL: url },
      close: async () => {},
    };
  }
  const mock = await createMockServer({ port: 0, streamDelayMs: 25 });
  return {
    label: `the offline mock at ${mock.url} (started for this run, as CHATROUTES_API_KEY is not set)`,
    url: mock.url,
    env: { CHATROUTES_API_KEY: 'cr_offline_demo', CHATROUTES_BASE_URL: mock.url },
    close: () => mock.close(),
  };
}
