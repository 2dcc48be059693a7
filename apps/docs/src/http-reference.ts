import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The HTTP reference: the OpenAPI contract rendered by Redoc into one self-contained page.
 * Redoc 2 links its sections with `#fragments`, so every link works from a static host (the
 * Redoc 3 page that `redocly build-docs` writes routes by path, `/conversations`, which a
 * static host answers with 404). Nothing is loaded from another origin: the script is
 * copied next to the page and the spec is inlined.
 */
export async function writeHttpReference(outDir: string, spec: unknown): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const standalone = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
  const script = withoutRemoteLogo(await readFile(standalone, 'utf8'));
  await writeFile(join(outDir, 'redoc.standalone.js'), script);
  await writeFile(join(outDir, 'index.html'), httpReferencePage(spec));
}

const REMOTE_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

/**
 * Redoc's sidebar credits Redocly with a logo fetched from its CDN, which a reader offline (or
 * behind a strict proxy) would see fail. The credit's text and link stay; the image is empty.
 */
export function withoutRemoteLogo(script: string): string {
  if (!script.includes(REMOTE_LOGO)) {
    throw new Error(`redoc.standalone.js no longer loads ${REMOTE_LOGO}: review withoutRemoteLogo`);
  }
  return script.split(REMOTE_LOGO).join(EMPTY_IMAGE);
}

/** Redoc's options: the site's colours, and no third-party fonts. */
const REDOC_OPTIONS = {
  expandResponses: '200,201',
  jsonSampleExpandLevel: 3,
  hideHostname: false,
  theme: {
    colors: { primary: { main: '#3451b2' } },
    typography: {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
      code: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
    },
    sidebar: { width: '280px' },
  },
};

/** `</script>` inside inlined JSON would end the script element early. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function httpReferencePage(spec: unknown): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HTTP API reference | ChatRoutes TypeScript SDK</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { margin: 0; }
  .site-bar { display: flex; gap: 1.5rem; align-items: center; padding: 0.6rem 1.2rem;
    border-bottom: 1px solid #e2e2e3; font: 14px system-ui, sans-serif; }
  .site-bar a { color: #3451b2; text-decoration: none; }
  .site-bar strong { margin-right: auto; }
</style>
</head>
<body>
<nav class="site-bar" aria-label="Site">
  <strong>ChatRoutes HTTP API</strong>
  <a href="/guide/getting-started.html">Guides</a>
  <a href="/api/index.html">API reference</a>
  <a href="/changelog.html">Changelog</a>
</nav>
<div id="redoc"></div>
<script type="application/json" id="spec">${inlineJson(spec)}</script>
<script src="./redoc.standalone.js"></script>
<script>
  Redoc.init(
    JSON.parse(document.getElementById('spec').textContent),
    ${inlineJson(REDOC_OPTIONS)},
    document.getElementById('redoc'),
  );
</script>
</body>
</html>
`;
}
