// @ts-check
import { fileURLToPath } from 'node:url';
import { OptionDefaults } from 'typedoc';

// Source links point at the repository the packages declare; paths are from its root.
const SOURCE_LINK = 'https://github.com/chatroutes/chatroutes-typescript/blob/main/{path}#L{line}';
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The API reference of the three public packages, as Markdown pages for the site. Warnings
 * are errors: an export without TSDoc, a broken `{@link}` or a type that the reference
 * cannot reach fails the build.
 *
 * @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>}
 */
const config = {
  entryPointStrategy: 'packages',
  entryPoints: ['../../packages/sdk', '../../packages/fetch', '../../packages/mock'],
  packageOptions: {
    entryPoints: ['src/index.ts'],
    excludePrivate: true,
    excludeInternal: true,
    // Members inherited from the standard library (`Error.stack`, `captureStackTrace`…) would
    // link into node_modules/typescript: the reference documents our packages only.
    excludeExternals: true,
    externalPattern: ['**/node_modules/**'],
    // openapi-typescript writes `@description` and `@constant` into the generated types.
    blockTags: [...OptionDefaults.blockTags, '@description', '@constant'],
    validation: { notExported: true, invalidLink: true, notDocumented: true },
    readme: 'none',
    disableGit: true,
    sourceLinkTemplate: SOURCE_LINK,
    basePath: REPO_ROOT,
    displayBasePath: REPO_ROOT,
  },
  name: 'API reference',
  // The order of `entryPoints`: the SDK first, then the low-level client and the mock.
  sortEntryPoints: false,
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme', './typedoc/wire-types.mjs'],
  out: '.generated/api',
  docsRoot: '.generated',
  readme: 'typedoc/index.md',
  // One index page: the introduction, then the list of packages.
  mergeReadme: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  disableGit: true,
  sourceLinkTemplate: SOURCE_LINK,
};

export default config;
