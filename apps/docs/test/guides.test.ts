import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatRoutes } from 'chatroutes';
import { describe, expect, test } from 'vitest';
import { GUIDES } from '../src/guides.js';
import { guidesDir } from '../src/paths.js';

describe('the guides', () => {
  test('every guide in docs/ is in the navigation, and every navigation entry exists', async () => {
    const files = (await readdir(guidesDir)).filter((file) => file.endsWith('.md'));
    expect(files.map((file) => file.slice(0, -3)).sort()).toEqual([...GUIDES].sort());
  });

  test('each starts with a title', async () => {
    for (const guide of GUIDES) {
      const text = await readFile(join(guidesDir, `${guide}.md`), 'utf8');
      expect(text, guide).toMatch(/^# \S/);
    }
  });

  test('the Python table lists every method of every resource of the client', async () => {
    const table = await readFile(join(guidesDir, 'from-python.md'), 'utf8');
    const client = new ChatRoutes({ apiKey: 'not-used', baseUrl: 'http://127.0.0.1:9' });
    const resources = Object.entries(client).filter(
      ([, value]) => typeof value === 'object' && value !== null,
    );
    expect(resources.map(([name]) => name).sort()).toEqual(
      ['autobranch', 'branches', 'checkpoints', 'conversations', 'messages'].sort(),
    );
    const missing: string[] = [];
    for (const [name, resource] of resources) {
      for (const method of Object.getOwnPropertyNames(Object.getPrototypeOf(resource))) {
        if (method === 'constructor') continue;
        if (!table.includes(`client.${name}.${method}(`) && !table.includes(`${name}.${method}(`)) {
          missing.push(`${name}.${method}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
