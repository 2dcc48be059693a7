import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODELS } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modelsTable } from '../src/models-table.js';
import { type StaticServer, serveStatic } from '../src/static-server.js';

describe('the models table', () => {
  test('replaces the marker with one row per model of MODELS', () => {
    const page = modelsTable.fill(`# Models\n\n${modelsTable.marker}\n\nAfter.`, MODELS);
    expect(page).not.toContain(modelsTable.marker);
    for (const [name, description] of Object.entries(MODELS)) {
      expect(page).toContain(`| \`${name}\` | ${description} |`);
    }
    expect(page.endsWith('After.')).toBe(true);
  });
});

describe('the static server', () => {
  let root: string;
  let server: StaticServer;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'chatroutes-docs-static-'));
    await mkdir(join(root, 'guide'));
    await writeFile(join(root, 'index.html'), '<h1>home</h1>');
    await writeFile(join(root, 'guide', 'start.html'), '<h1>start</h1>');
    await writeFile(join(root, '404.html'), '<h1>lost</h1>');
    server = await serveStatic(root);
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return {
      status: response.status,
      body: await response.text(),
      type: response.headers.get('content-type'),
    };
  };

  test('serves folders by their index, and pages with or without .html', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await get('/')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(await get('/guide/start.html')).toMatchObject({ status: 200, body: '<h1>start</h1>' });
    expect(await get('/guide/start')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
  });

  test('answers 404 with the site’s page for anything else, and never leaves its folder', async () => {
    expect(await get('/guide/nope.html')).toEqual({
      status: 404,
      body: '<h1>lost</h1>',
      type: 'text/html; charset=utf-8',
    });
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
