import { describe, expect, test } from 'vitest';
import { parseChangeset, renderChangelog } from '../src/changelog.js';

describe('the changelog page', () => {
  test('reads the packages, bumps and summary of a changeset', () => {
    const changeset = parseChangeset(
      'brave-owls',
      '---\n"chatroutes": minor\n\'@chatroutes/mock\': patch\n---\n\nStreams can be aborted.\n',
    );
    expect(changeset).toEqual({
      id: 'brave-owls',
      releases: [
        { name: 'chatroutes', bump: 'minor' },
        { name: '@chatroutes/mock', bump: 'patch' },
      ],
      summary: 'Streams can be aborted.',
    });
  });

  test('refuses a file that is not a changeset, naming it', () => {
    expect(() => parseChangeset('notes', 'Just text')).toThrow('.changeset/notes.md');
    expect(() => parseChangeset('odd', '---\nchatroutes: huge\n---\nx')).toThrow(
      '.changeset/odd.md',
    );
  });

  test('groups the unreleased changes by package, biggest bump first', () => {
    const page = renderChangelog([
      parseChangeset('a', '---\n"chatroutes": patch\n---\nFixed a leak.'),
      parseChangeset(
        'b',
        '---\n"chatroutes": minor\n"@chatroutes/fetch": minor\n---\nAdded `MODELS`.\nWith descriptions.',
      ),
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
