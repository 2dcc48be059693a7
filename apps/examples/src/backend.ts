import { createMockServer } from '@chatroutes/mock/node';

export interface Backend {
  /** Where requests go, for the reader. */
  label: string;
  /** The environment a ChatRoutes client reads its key and URL from. */
  env: { CHATROUTES_API_KEY: string; CHATROUTES_BASE_URL?: string };
  close(): Promise<void>;
}

/**
 * The real service when CHATROUTES_API_KEY is set (and CHATROUTES_BASE_URL, optionally);
 * otherwise the offline mock, started on a free loopback port.
 */
export async function chooseBackend(): Promise<Backend> {
  const { CHATROUTES_API_KEY: apiKey, CHATROUTES_BASE_URL: baseUrl } = process.env;
  if (apiKey) {
    return {
      label: baseUrl ?? 'the ChatRoutes service',
      env: { CHATROUTES_API_KEY: apiKey, ...(baseUrl && { CHATROUTES_BASE_URL: baseUrl }) },
      close: async () => {},
    };
  }
  const mock = await createMockServer({ port: 0, streamDelayMs: 25 });
  return {
    label: `the offline mock at ${mock.url}`,
    env: { CHATROUTES_API_KEY: 'cr_offline_demo', CHATROUTES_BASE_URL: mock.url },
    close: () => mock.close(),
  };
}
