import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readChangesets, renderChangelog } from '../src/changelog.js';

/** A repository with these files in its `.changeset/` folder (config and README included). */
async function repositoryWith(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'chatroutes-docs-changesets-'));
  roots.push(root);
  await mkdir(join(root, '.changeset'));
  await writeFile(join(root, '.changeset', 'config.json'), '{}');
  await writeFile(join(root, '.changeset', 'README.md'), '# Changesets');
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(root, '.changeset', name), text);
  }
  return root;
}

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe('the changelog page', () => {
  test('reads the packages, bumps and summary of each changeset, as changesets does', async () => {
    const root = await repositoryWith({
      'brave-owls.md':
        '---\n"chatroutes": minor\n\'@chatroutes/mock\': patch\n---\n\nStreams can be aborted.\n',
      'quiet-cats.md': '---\n"@chatroutes/fetch": none\n"chatroutes": patch\n---\nDocs only.\n',
    });
    expect(await readChangesets(root)).toEqual([
      {
        id: 'brave-owls',
        releases: [
          { name: 'chatroutes', bump: 'minor' },
          { name: '@chatroutes/mock', bump: 'patch' },
        ],
        summary: 'Streams can be aborted.',
      },
      {
        id: 'quiet-cats',
        releases: [{ name: 'chatroutes', bump: 'patch' }],
        summary: 'Docs only.',
      },
    ]);
  });

  test('refuses a file that is not a changeset, saying where it looked', async () => {
    const notes = await repositoryWith({ 'notes.md': 'Just text' });
    await expect(readChangesets(notes)).rejects.toThrow(
      'The changelog page cannot read .changeset/: could not parse changeset',
    );
    const odd = await repositoryWith({ 'odd.md': '---\nchatroutes: huge\n---\nx' });
    await expect(readChangesets(odd)).rejects.toThrow('invalid version type "huge"');
  });

  test('groups the unreleased changes by package, biggest bump first', () => {
    const page = renderChangelog([
      { id: 'a', releases: [{ name: 'chatroutes', bump: 'patch' }], summary: 'Fixed a leak.' },
      {
        id: 'b',
        releases: [
          { name: 'chatroutes', bump: 'minor' },
          { name: '@chatroutes/fetch', bump: 'minor' },
        ],
        summary: 'Added `MODELS`.\nWith descriptions.',
      },
    ]);
    const sdk = page.indexOf('### chatroutes');
    expect(page.indexOf('### @chatroutes/fetch')).toBeLessThan(sdk);
    expect(page.indexOf('**minor** — Added `MODELS`.', sdk)).toBeLessThan(
      page.indexOf('**patch** — Fixed a leak.', sdk),
    );
    expect(page).toContain('  With descriptions.');
  });

  test('appends each package’s released history, its headings nested under the package', () => {
    const page = renderChangelog(
      [],
      [
        {
          name: 'chatroutes',
          changelog: '# chatroutes\n\n## 1.0.0\n\n### Minor Changes\n\n- First.\n',
        },
      ],
    );
    expect(page).toContain('Nothing yet.');
    expect(page).toContain(
      '## Released: chatroutes\n\n### 1.0.0\n\n#### Minor Changes\n\n- First.',
    );
    expect(page).not.toContain('# chatroutes\n');
  });
});
