import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { bundleForBrowser } from './support/browser-bundle.js';
import { startLoopbackServer } from './support/loopback-server.js';

// The built package, as users load it: ESM and CJS side by side are two copies of every class,
// the dual-package situation where a naive `instanceof` breaks.
const dist = new URL('../dist/', import.meta.url);
type Package = typeof import('../src/index.js');
let esm: Package;
let cjs: Package;

beforeAll(async () => {
  if (!existsSync(new URL('index.cjs', dist))) {
    throw new Error('dist/ is missing: run `pnpm build` first (turbo does it before `test`)');
  }
  esm = await import(new URL('index.js', dist).href);
  cjs = createRequire(import.meta.url)(new URL('index.cjs', dist).pathname);
});

describe('the built package', () => {
  it('exports the client and the errors from both entry points', () => {
    for (const entry of [esm, cjs]) {
      expect(typeof entry.ChatRoutes).toBe('function');
      expect(typeof entry.MessageStream).toBe('function');
      expect(typeof entry.renderTree).toBe('function');
      expect(entry.DEFAULT_BASE_URL).toBe('https://api.chatroutes.com/api/v1');
    }
    expect(cjs.ChatRoutes).not.toBe(esm.ChatRoutes);
  });

  it('sends the version of package.json in its User-Agent, from both entry points', async () => {
    const server = await startLoopbackServer((response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"success":true,"data":{"status":"ok","version":"1","service":"autobranch"}}');
    });
    try {
      for (const entry of [esm, cjs]) {
        await new entry.ChatRoutes({ apiKey: 'k', baseUrl: server.url }).autobranch.health();
      }
      const agents = server.requests.map((request) => request.headers['user-agent']);
      expect(agents).toEqual(
        Array(2).fill(
          `chatroutes-typescript/${packageJson.version} (node/${process.versions.node})`,
        ),
      );
    } finally {
      await server.close();
    }
  });

  it('exports no internals of the pipeline', () => {
    for (const entry of [esm, cjs]) {
      expect(entry).not.toHaveProperty('errorFromResponse');
      expect(entry).not.toHaveProperty('sendRequest');
      expect(entry).not.toHaveProperty('createRetryingFetch');
    }
  });

  it('keeps instanceof across the ESM and CJS copies', () => {
    const fromCjs = new cjs.RateLimitError('slow', { status: 429, retryAfter: 3 });
    expect(fromCjs).toBeInstanceOf(esm.RateLimitError);
    expect(fromCjs).toBeInstanceOf(esm.ChatRoutesError);
    expect(fromCjs).not.toBeInstanceOf(esm.ServerError);
    expect(new esm.TimeoutError('t')).toBeInstanceOf(cjs.NetworkError);
    expect(new esm.TimeoutError('t')).not.toBeInstanceOf(cjs.AbortError);
  });
});

describe('tree-shaking', () => {
  const bundleOf = (name: string, entry = 'index.js') =>
    bundleForBrowser(`export { ${name} } from ${JSON.stringify(new URL(entry, dist).pathname)};`);
  const errorKinds = (code: string) =>
    ['RateLimitError', 'RedirectError', 'StreamError', 'TimeoutError', 'NotFoundError'].filter(
      (kind) => code.includes(`"${kind}"`),
    );
  // A string only the client's option checks hold.
  const clientMark = 'dangerouslyAllowBrowser';

  it('leaves out the client and every error class a bundle does not use', async () => {
    const notFound = await bundleOf('NotFoundError');
    expect(errorKinds(notFound)).toEqual(['NotFoundError']);
    expect(notFound).not.toContain(clientMark);
    // The store's entry takes ChatRoutesError and AbortError only.
    expect(errorKinds(await bundleOf('ConversationStore', 'store/index.js'))).toEqual([]);
  });

  it('gives the browser side of a relay MessageStream without the client', async () => {
    const stream = await bundleOf('MessageStream');
    expect(stream).toContain('fromReadableStream');
    expect(stream).not.toContain(clientMark);
  });

  it('keeps all of them for the client, which maps every status and stream failure', async () => {
    const client = await bundleOf('ChatRoutes');
    expect(errorKinds(client)).toHaveLength(5);
    expect(client).toContain(clientMark);
  });
});

describe('loading', () => {
  /** The files Node loads for `import 'chatroutes'`: the static import graph of the built ESM. */
  async function filesLoaded(entry: string): Promise<string[]> {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(entry, dist))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs);
  }

  it('loads no code it does not run: @chatroutes/fetch without its openapi-fetch client', async () => {
    const client = await filesLoaded('index.js');
    expect(client.filter((file) => file.includes('fetch/dist/contract.js'))).toHaveLength(1);
    for (const files of [client, await filesLoaded('store/index.js')]) {
      expect(files.filter((file) => /openapi-fetch|fetch\/dist\/index\.js/.test(file))).toEqual([]);
    }
  });
});
