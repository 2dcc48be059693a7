// @ts-check
import { REFERENCE_PACKAGES, referenceJsonFile } from './typedoc/packages.mjs';

/**
 * The API reference of the public packages, as Markdown pages for the site. Each package is
 * first converted on its own (`typedoc/package.config.mjs`: every entry point of its
 * `exports` map, its own tsconfig); this config merges them, in the order of
 * `REFERENCE_PACKAGES`. Warnings are errors: a broken `{@link}` fails the build.
 *
 * `docsRoot` is typedoc-vitepress-theme's option (the theme does not export its options' type).
 *
 * @type {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions> & { docsRoot?: string }}
 */
const config = {
  entryPointStrategy: 'merge',
  entryPoints: REFERENCE_PACKAGES.map(referenceJsonFile),
  name: 'API reference',
  // The order of REFERENCE_PACKAGES: the SDK first, then the low-level client, the mock, React,
  // assistant-ui, the AI SDK adapter.
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
};

export default config;
