import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Bump = 'major' | 'minor' | 'patch';

/** One pending change, as `pnpm changeset` records it in `.changeset/<name>.md`. */
export interface Changeset {
  /** The file name without `.md`. */
  id: string;
  /** The packages it releases, with the version bump of each. */
  releases: { name: string; bump: Bump }[];
  /** The change, in Markdown, as its author wrote it. */
  summary: string;
}

const BUMP_ORDER: Bump[] = ['major', 'minor', 'patch'];

/** Parses one changeset file: a front matter of `"package": bump` lines, then the summary. */
export function parseChangeset(id: string, text: string): Changeset {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`.changeset/${id}.md: no front matter`);
  const [, frontMatter = '', body = ''] = match;
  const releases = frontMatter
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const release = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (!release?.[1] || !release[2]) {
        throw new Error(`.changeset/${id}.md: cannot read the release line "${line}"`);
      }
      return { name: release[1], bump: release[2] as Bump };
    });
  return { id, releases, summary: body.trim() };
}

/** Every pending changeset of the folder (its README and config are not changesets). */
export async function readChangesets(dir: string): Promise<Changeset[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.md') && file !== 'README.md');
  const changesets = await Promise.all(
    files
      .sort()
      .map(async (file) =>
        parseChangeset(file.slice(0, -3), await readFile(join(dir, file), 'utf8')),
      ),
  );
  return changesets;
}

/**
 * The changelog page: the unreleased changes grouped by package, the biggest bumps first,
 * then each package's released history (its `CHANGELOG.md`, once `changeset version` ran).
 */
export function renderChangelog(
  changesets: Changeset[],
  released: { name: string; changelog: string }[] = [],
): string {
  const lines = [
    '# Changelog',
    '',
    'Every user-visible change of `chatroutes`, `@chatroutes/fetch` and `@chatroutes/mock`,',
    'built from the changesets in the repository.',
    '',
    '## Unreleased',
    '',
  ];
  const byPackage = new Map<string, { bump: Bump; summary: string }[]>();
  for (const changeset of changesets) {
    for (const { name, bump } of changeset.releases) {
      const entries = byPackage.get(name) ?? [];
      entries.push({ bump, summary: changeset.summary });
      byPackage.set(name, entries);
    }
  }
  if (byPackage.size === 0) lines.push('Nothing yet.', '');
  for (const name of [...byPackage.keys()].sort()) {
    lines.push(`### ${name}`, '');
    const entries = (byPackage.get(name) ?? []).sort(
      (a, b) => BUMP_ORDER.indexOf(a.bump) - BUMP_ORDER.indexOf(b.bump),
    );
    for (const { bump, summary } of entries) {
      const [first = '', ...rest] = summary.split('\n');
      lines.push(`- **${bump}** — ${first}`, ...rest.map((line) => (line ? `  ${line}` : '')));
    }
    lines.push('');
  }
  for (const { name, changelog } of released) {
    lines.push(`## Released: ${name}`, '');
    // A package changelog starts with `# name`; its `## version` headings nest one level down.
    const body = changelog.replace(/^# .*\n/, '').replace(/^(#{2,5}) /gm, '#$1 ');
    lines.push(body.trim(), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
