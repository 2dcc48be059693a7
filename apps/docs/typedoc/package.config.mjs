// @ts-check
import { join } from 'node:path';
import { OptionDefaults } from 'typedoc';
import { entryPointsOf, REPO_ROOT, referenceJsonFile } from './packages.mjs';

const packageDir = process.env.REFERENCE_PACKAGE;
if (!packageDir)
  throw new Error('REFERENCE_PACKAGE names the package to convert (e.g. packages/sdk)');

// Source links point at the repository the packages declare; paths are from its root.
const SOURCE_LINK = 'https://github.com/chatroutes/chatroutes-typescript/blob/main/{path}#L{line}';

/**
 * The first step of the API reference: one package, every entry point of its `exports` map,
 * converted with the package's own tsconfig into TypeDoc's JSON. `typedoc.config.mjs` then
 * merges the packages into the site's pages. The build runs this once per package, naming it
 * in `REFERENCE_PACKAGE` (a folder relative to the repository's root, e.g. `packages/sdk`).
 *
 * Warnings are errors: an export without TSDoc or a type that the reference cannot reach fails
 * the build. Links are checked after the merge, where links between packages resolve.
 *
 * @type {Partial<import('typedoc').TypeDocOptions>}
 */
const config = {
  entryPointStrategy: 'resolve',
  entryPoints: entryPointsOf(packageDir).map((entry) => entry.source),
  tsconfig: join(REPO_ROOT, packageDir, 'tsconfig.json'),
  excludePrivate: true,
  excludeInternal: true,
  // Members inherited from the standard library (`Error.stack`, `captureStackTrace`…) would
  // link into node_modules/typescript: the reference documents our packages only.
  excludeExternals: true,
  externalPattern: ['**/node_modules/**'],
  // openapi-typescript writes `@description` and `@constant` into the generated types.
  blockTags: [...OptionDefaults.blockTags, '@description', '@constant'],
  validation: { notExported: true, invalidLink: false, notDocumented: true },
  treatWarningsAsErrors: true,
  readme: 'none',
  disableGit: true,
  sourceLinkTemplate: SOURCE_LINK,
  basePath: REPO_ROOT,
  displayBasePath: REPO_ROOT,
  plugin: ['./wire-types.mjs', './entry-modules.mjs'],
  json: referenceJsonFile(packageDir),
};

export default config;
