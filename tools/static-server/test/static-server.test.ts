import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PortInUseError, type StaticServer, serveStatic } from '../src/index.js';

const get = async (server: StaticServer, path: string, method = 'GET') => {
  const response = await fetch(`${server.url}${path}`, { method });
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type'),
  };
};

describe('a folder, served the way a static host does', () => {
  let root: string;
  let server: StaticServer;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'chatroutes-static-'));
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

  test('serves folders by their index, and pages with or without .html', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(await get(server, '/')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
    expect(await get(server, '/guide/start.html')).toMatchObject({
      status: 200,
      body: '<h1>start</h1>',
    });
    expect(await get(server, '/guide/start')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
    expect(await get(server, '/guide/start', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  test('answers 404 with the site’s page for anything else, and never leaves its folder', async () => {
    expect(await get(server, '/guide/nope.html')).toEqual({
      status: 404,
      body: '<h1>lost</h1>',
      type: 'text/html; charset=utf-8',
    });
    expect((await get(server, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(server, '/%E0%A4%A')).status).toBe(404);
  });
});

describe('files held in memory', () => {
  test('serves each at its path, uncached, and nothing else', async () => {
    const server = await serveStatic({
      '/': { contentType: 'text/html', body: '<p>page</p>' },
      '/page.js': { contentType: 'text/javascript', body: new TextEncoder().encode('run()') },
    });
    try {
      expect(await get(server, '/')).toEqual({
        status: 200,
        body: '<p>page</p>',
        type: 'text/html',
      });
      const script = await fetch(`${server.url}/page.js`);
      expect(script.headers.get('cache-control')).toBe('no-store');
      expect(await script.text()).toBe('run()');
      expect((await get(server, '/other.js')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('the port', () => {
  test('a port already in use is a PortInUseError that names it, not a raw EADDRINUSE', async () => {
    const first = await serveStatic({});
    try {
      const second = serveStatic({}, { port: first.port });
      await expect(second).rejects.toBeInstanceOf(PortInUseError);
      await expect(second).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is already in use`);
    } finally {
      await first.close();
    }
  });
});
