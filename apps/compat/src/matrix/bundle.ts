import { build } from 'esbuild';

export type BundleTarget = 'browser' | 'workerd';

export interface BundleOptions {
  /** A file to bundle, or module source (resolved from `absWorkingDir`). */
  entry: { path: string } | { contents: string };
  /** The scratch project whose `node_modules` holds the packed packages. */
  absWorkingDir: string;
  target: BundleTarget;
  /** Bare specifiers left as imports, to be provided as modules of their own. */
  external?: string[];
}

/**
 * One ESM file, as an app's bundler would make it for the target. Neither target has Node
 * built-ins: esbuild refuses to bundle an import of one (`platform: 'browser'` knows them and
 * errors; `neutral` cannot resolve them), so a package that needs Node fails here, visibly.
 */
export async function bundle({ entry, absWorkingDir, target, external = [] }: BundleOptions) {
  const result = await build({
    ...('path' in entry
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents, resolveDir: absWorkingDir } }),
    absWorkingDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(target === 'browser'
      ? { platform: 'browser' }
      : // Wrangler's settings: the `workerd` and `worker` export conditions, no Node.
        {
          platform: 'neutral',
          conditions: ['workerd', 'worker', 'browser'],
          mainFields: ['module', 'main'],
        }),
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no output');
  return { code: output.text, metafile: result.metafile };
}

/**
 * The root entry of the packed `@chatroutes/mock`, bundled on its own for the target. When it
 * cannot be bundled, a module that throws esbuild's message instead: the matrix then shows the
 * mock's checks failing with the reason, and every other check still runs.
 */
export async function bundleMockRoot(absWorkingDir: string, target: BundleTarget): Promise<string> {
  try {
    const { code } = await bundle({
      entry: { contents: "export * from '@chatroutes/mock';" },
      absWorkingDir,
      target,
    });
    return code;
  } catch (error) {
    const message = `@chatroutes/mock could not be bundled for ${target}: ${(error as Error).message}`;
    return `throw new Error(${JSON.stringify(message)});\n`;
  }
}
