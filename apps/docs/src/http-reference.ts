import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The HTTP reference: a page of the site (its top bar, search and appearance switch) on which
 * Redoc 2 renders the OpenAPI contract (see `.vitepress/theme/http-reference.ts`). Redoc 2
 * links its sections with `#fragments`, so every link works from a static host. Nothing is
 * loaded from another origin: Redoc's script and the spec are files of the site.
 */
export const HTTP_REFERENCE_PAGE = `---
layout: page
title: HTTP API reference
description: Every endpoint of the ChatRoutes HTTP API, rendered from its OpenAPI contract.
pageClass: http-reference-page
---

<HttpReference />
`;

/** Writes the page into the staged sources, and Redoc's script and the spec beside it. */
export async function stageHttpReference(stagingDir: string, specFile: string): Promise<void> {
  const assets = join(stagingDir, 'public', 'http');
  await mkdir(assets, { recursive: true });
  const standalone = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
  await writeFile(
    join(assets, 'redoc.standalone.js'),
    withoutRemoteLogo(await readFile(standalone, 'utf8')),
  );
  await copyFile(specFile, join(assets, 'chatroutes.yaml'));
  await mkdir(join(stagingDir, 'http'), { recursive: true });
  await writeFile(join(stagingDir, 'http', 'index.md'), HTTP_REFERENCE_PAGE);
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
