import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec } from '@chatroutes/openapi';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { GUIDE_GROUPS } from '../src/guides.js';
import { httpSearchText } from '../src/http-search-text.js';
import { guidesDir, siteDir, stagingDir } from '../src/paths.js';

/** A guide's title is its first heading. */
function guideTitle(slug: string): string {
  const text = readFileSync(join(guidesDir, `${slug}.md`), 'utf8');
  return /^# (.+)$/m.exec(text)?.[1]?.replaceAll('`', '').trim() ?? slug;
}

/** The reference's sidebar, as typedoc-vitepress-theme wrote it next to the pages. */
function referenceSidebar(): DefaultTheme.SidebarItem[] {
  const file = join(stagingDir, 'api', 'typedoc-sidebar.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

const httpReference: DefaultTheme.NavItemWithLink = {
  text: 'HTTP API',
  link: '/http/',
  activeMatch: '^/http/',
};

/**
 * Search ranks a guide's sections above the reference pages: a reader who types "retry" or
 * "stream" wants the explanation first, and the reference's property pages match almost any
 * word. The boost multiplies MiniSearch's score, so the order among guides (and among
 * reference pages) stays by relevance. VitePress ships the function to the browser as its
 * source text: it must not use anything from this module.
 */
const boostGuides = (id: string): number => (id.startsWith('/guide/') ? 20 : 1);

// Pages whose wide tables need the column of the outline.
const WIDE_PAGES = new Set(['guide/from-python.md']);

export default defineConfig({
  title: 'ChatRoutes TypeScript SDK',
  description:
    'Branching conversations, checkpoints and AutoBranch from TypeScript: guides, API reference and HTTP reference.',
  srcDir: stagingDir,
  outDir: siteDir,
  cleanUrls: false,
  lastUpdated: false,
  // The local search index of the whole reference is one large chunk, and that is fine.
  vite: { build: { chunkSizeWarningLimit: 4096 } },
  head: [['link', { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]],
  transformPageData(pageData) {
    if (WIDE_PAGES.has(pageData.relativePath)) pageData.frontmatter.aside = false;
  },
  themeConfig: {
    logo: '/favicon.svg',
    nav: [
      { text: 'Guides', link: '/guide/getting-started', activeMatch: '^/guide/' },
      { text: 'API reference', link: '/api/', activeMatch: '^/api/' },
      httpReference,
      { text: 'Changelog', link: '/changelog' },
    ],
    sidebar: {
      '/guide/': [
        ...GUIDE_GROUPS.map((group) => ({
          text: group.text,
          items: group.slugs.map((slug) => ({ text: guideTitle(slug), link: `/guide/${slug}` })),
        })),
        { text: 'Reference', items: [{ text: 'API reference', link: '/api/' }, httpReference] },
      ],
      '/api/': [{ text: 'API reference', link: '/api/', items: referenceSidebar() }],
    },
    search: {
      provider: 'local',
      options: {
        miniSearch: { searchOptions: { boostDocument: boostGuides } },
        // Redoc draws the HTTP reference in the browser; search indexes its operations here.
        _render(source, env, md) {
          const html = md.render(source, env);
          return env.relativePath === 'http/index.md' ? html + httpSearchText(loadSpec()) : html;
        },
      },
    },
    outline: { level: [2, 3] },
    footer: { message: 'MIT licensed. Generated from the code and the OpenAPI contract.' },
  },
});
