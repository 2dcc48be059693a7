import readChangesetFolder from '@changesets/read';

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

/**
 * Every pending changeset of the repository, read by `@changesets/read`, the reader
 * `changeset version` itself uses, so the page shows what the next release will contain.
 * A `none` release bumps nothing and is left out.
 */
export async function readChangesets(repositoryRoot: string): Promise<Changeset[]> {
  const changesets = await readChangesetFolder(repositoryRoot).catch((error: unknown) => {
    throw new Error(`The changelog page cannot read .changeset/: ${(error as Error).message}`, {
      cause: error,
    });
  });
  return changesets
    .map(({ id, summary, releases }) => ({
      id,
      summary,
      releases: releases.flatMap(({ name, type }) =>
        type === 'none' ? [] : [{ name, bump: type }],
      ),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
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
    'built from the changesets in the repository. What a version number promises is in',
    '[Versions and support](/guide/versioning).',
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
