import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { GUIDES } from '../src/guides.js';
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

// The HTTP reference is a page of its own (Redoc), not a VitePress route: `_self` makes the
// link a full page load.
const httpReference: DefaultTheme.NavItemWithLink = {
  text: 'HTTP API',
  link: '/http/index.html',
  target: '_self',
};

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
  // The HTTP reference is written into the output after VitePress, so links to it look dead.
  ignoreDeadLinks: [/^\/http\//],
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
        {
          text: 'Guides',
          items: GUIDES.map((slug) => ({ text: guideTitle(slug), link: `/guide/${slug}` })),
        },
        { text: 'Reference', items: [{ text: 'API reference', link: '/api/' }, httpReference] },
      ],
      '/api/': [{ text: 'API reference', link: '/api/', items: referenceSidebar() }],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: { message: 'MIT licensed. Generated from the code and the OpenAPI contract.' },
  },
});
