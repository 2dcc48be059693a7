import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DENO_PERMISSIONS,
  MATRIX,
  MATRIX_CHECKS,
  pinnedVersion,
  WORKERD_COMPATIBILITY_DATE,
} from '../src/matrix/runtimes.js';
import { OLDEST_SUPPORTED, UNSUPPORTED } from '../src/typescript-compilers.js';
import { repositoryRoot } from '../src/workspace.js';

function read(file: string): string {
  return readFileSync(join(repositoryRoot(), file), 'utf8');
}

/** The lines of a `## heading` section, up to the next heading of that level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start === -1) throw new Error(`no "## ${heading}" section`);
  // A second copy (a merge that kept both sides) would go unchecked and stale.
  if (lines.indexOf(`## ${heading}`, start + 1) !== -1) {
    throw new Error(`"## ${heading}" appears twice`);
  }
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The first Markdown table of a section, as rows of trimmed cells (header and rule left out). */
function firstTable(lines: string[]): string[][] {
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines.slice(start + 2, end === -1 ? undefined : end).map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim()),
  );
}

/** What the matrix runs, as the first four columns of the docs' table must say it. */
const expectedRows = MATRIX.map((runtime) => ({
  runtime: runtime.name,
  version: runtime.dependency ? pinnedVersion(runtime.dependency) : expect.any(String),
  moduleSystems: runtime.moduleSystems.map((system) => system.toUpperCase()).join(', '),
  mockServer: runtime.listens ? 'yes' : 'no',
}));

function rowsOf(table: string[][]) {
  return table.map(([runtime, version, moduleSystems, mockServer]) => ({
    runtime,
    version,
    moduleSystems,
    mockServer,
  }));
}

describe('docs/runtimes.md says what the matrix runs', () => {
  const guide = read('docs/runtimes.md');
  const matrixSection = section(guide, 'The matrix');
  const table = firstTable(matrixSection);

  it('lists every runtime of the matrix, in order, at its pinned version', () => {
    expect(rowsOf(table)).toEqual(expectedRows);
  });

  it('describes every check of the matrix, and no other', () => {
    const described = matrixSection
      .map((line) => /^- \*\*(.+?)\*\*:/.exec(line)?.[1])
      .filter((name) => name !== undefined);
    expect(described).toEqual([...MATRIX_CHECKS]);
  });

  it("states Deno's permissions and workerd's compatibility date as the matrix uses them", () => {
    const deno = section(guide, 'Deno').join('\n');
    const [net, env] = DENO_PERMISSIONS;
    expect(deno).toContain(env);
    expect(deno).toContain(net);
    const workerd = section(guide, 'Cloudflare Workers (workerd)').join('\n');
    expect(workerd).toContain(`compatibility date from ${WORKERD_COMPATIBILITY_DATE} on`);
  });

  it('gives the oldest TypeScript the type-check test runs, and the one it shows failing', () => {
    const minimums = section(guide, 'Minimum versions').join('\n');
    expect(minimums).toContain(`**${OLDEST_SUPPORTED.name}** or newer`);
    expect(minimums).toContain(`${UNSUPPORTED.name} and older`);
  });
});

describe("the README's runtime section", () => {
  it('shows the same runtimes as the guide and links to it', () => {
    const lines = section(read('README.md'), 'Runtimes');
    expect(rowsOf(firstTable(lines))).toEqual(expectedRows);
    expect(lines.join('\n')).toContain('(docs/runtimes.md)');
    expect(lines.join('\n')).toContain(`${OLDEST_SUPPORTED.name} or newer`);
  });
});
