import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Figure } from './report.js';

export const BUNDLE_MEASURE = 'bundle, min+gzip';

export const BUNDLES = {
  chatroutes: 'chatroutes { ChatRoutes } (whole client)',
  chatroutesEverything: 'chatroutes (every export)',
  fetch: '@chatroutes/fetch (createClient)',
  openai: 'openai 6.49.0 (whole client)',
  openapiFetch: 'openapi-fetch 0.17.0',
} as const;

/** What an app imports, for each package: everything it needs is bundled with it. */
const entries: Record<string, string> = {
  [BUNDLES.chatroutes]: "export { ChatRoutes } from 'chatroutes';",
  [BUNDLES.chatroutesEverything]: "export * from 'chatroutes';",
  [BUNDLES.fetch]: "export { createClient } from '@chatroutes/fetch';",
  [BUNDLES.openai]: "export { default } from 'openai';",
  [BUNDLES.openapiFetch]: "export { default } from 'openapi-fetch';",
};

/** Bytes after esbuild bundles and minifies for the browser and zlib gzips at level 9. */
async function minGzipBytes(contents: string): Promise<number> {
  const { outputFiles } = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}

export async function measureBundles(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [contender, contents] of Object.entries(entries)) {
    const bytes = await minGzipBytes(contents);
    figures.push({
      suite: 'bundle',
      measure: BUNDLE_MEASURE,
      contender,
      value: bytes / 1000,
      unit: 'kB',
    });
  }
  return figures;
}
