import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_PACKAGES, type PublicPackage, workspacePackageDir } from '../../src/workspace.js';

/** A fenced block of a guide, in reading order, with the `##` section it belongs to. */
export interface GuideBlock {
  language: string;
  code: string;
  /** The line of the guide where the code starts. */
  line: number;
  section: string;
}

/** Every fenced block of a Markdown guide, in order. */
export function guideBlocks(markdown: string): GuideBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: GuideBlock[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1]) section = heading[1].trim();
    const opening = /^(`{3,})\s*(\S*)/.exec(line);
    if (!opening) continue;
    const fence = opening[1] ?? '```';
    const end = lines.findIndex((candidate, j) => j > i && candidate.startsWith(fence));
    if (end === -1) throw new Error(`line ${i + 1}: a code fence is never closed`);
    blocks.push({
      language: opening[2] ?? '',
      code: lines.slice(i + 1, end).join('\n'),
      line: i + 2,
      section,
    });
    i = end;
  }
  return blocks;
}

/** The file a TypeScript sample is saved as: its first line names it (`// first.ts`). */
export function sampleFileName(code: string): string | undefined {
  return /^\/\/ ([\w.-]+\.m?ts)\s*$/m.exec(code.split('\n')[0] ?? '')?.[1];
}

/** One command of a shell block, without its trailing `# comment`. */
export interface ShellCommand {
  command: string;
  comment: string;
}

/** The commands of a shell block: one per line, `a && b` split, comments kept apart. */
export function shellCommands(code: string): ShellCommand[] {
  return code.split('\n').flatMap((line) => {
    const [command = '', comment = ''] = line.split(/\s+#\s+/, 2);
    return command.trim() === ''
      ? []
      : command.split(' && ').map((part) => ({ command: part.trim(), comment: comment.trim() }));
  });
}

/** Our packages a package depends on, directly or through another of ours. */
function ourDependencies(name: PublicPackage, seen = new Set<PublicPackage>()): Set<PublicPackage> {
  const manifest = JSON.parse(
    readFileSync(join(workspacePackageDir(name), 'package.json'), 'utf8'),
  ) as { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const ours = PUBLIC_PACKAGES.find((candidate) => candidate === dependency);
    if (ours && !seen.has(ours)) {
      seen.add(ours);
      ourDependencies(ours, seen);
    }
  }
  return seen;
}

/**
 * `npm install` as the guide writes it, with each of our packages replaced by its tarball.
 * The registry would bring our packages' dependencies on each other (`chatroutes` needs
 * `@chatroutes/fetch`); from local tarballs only, those are named beside them.
 */
export function withTarballs(command: string, tarballOf: (name: PublicPackage) => string): string {
  const words = command.split(/\s+/);
  const named = words.filter((word): word is PublicPackage =>
    PUBLIC_PACKAGES.includes(word as PublicPackage),
  );
  if (named.length === 0) return command;
  const needed = new Set(named.flatMap((name) => [...ourDependencies(name)]));
  const extra = [...needed].filter((name) => !named.includes(name));
  return [
    ...words.map((word) =>
      named.includes(word as PublicPackage) ? tarballOf(word as PublicPackage) : word,
    ),
    ...extra.map(tarballOf),
  ].join(' ');
}
