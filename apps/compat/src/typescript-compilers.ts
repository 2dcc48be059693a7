import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface TypeScriptCompiler {
  /** As the test titles and the docs name it. */
  name: string;
  version: string;
  /** Its command-line entry, a Node script (`tsgo`'s launches the native binary). */
  script: string;
}

/** A compiler this package installs (under an npm alias for the older ones). */
function compiler(name: string, packageName: string, bin: string): TypeScriptCompiler {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };
  const script = manifest.bin[bin];
  if (!script) throw new Error(`${packageName} has no \`${bin}\` command`);
  return { name, version: manifest.version, script: join(dirname(manifestPath), script) };
}

/** The oldest TypeScript the packed declarations type-check under with `skipLibCheck: false`. */
export const OLDEST_SUPPORTED = compiler('TypeScript 5.4', 'typescript-5.4', 'tsc');

/**
 * The release before it, which must fail: if it passes one day, the floor went down and the
 * docs should say so. (5.0–5.3 reject openapi-fetch's declarations, not ours.)
 */
export const UNSUPPORTED = compiler('TypeScript 5.3', 'typescript-5.3', 'tsc');

/** Every compiler the declarations must type-check under: the oldest, ours, the native port. */
export const SUPPORTED_COMPILERS: readonly TypeScriptCompiler[] = [
  OLDEST_SUPPORTED,
  compiler('TypeScript 5.9', 'typescript', 'tsc'),
  compiler('TypeScript 7 (tsgo)', '@typescript/native-preview', 'tsgo'),
];
