import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * A page script bundled for the browser, as one ESM file. The scripts import the built
 * package by absolute path, so they resolve the same from here as from the test beside them.
 */
export async function bundleForBrowser(source: string): Promise<string> {
  const bundle = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]?.text ?? '';
}
