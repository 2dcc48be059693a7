import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface NodeRuntime {
  major: number;
  version: string;
  path: string;
}

/** Where a Node binary of a given major is looked for, in order (the first that runs wins). */
export function nodeCandidates(major: number): string[] {
  const fromEnvironment = process.env[`NODE${major}_PATH`];
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((folder) => join(folder, `node${major}`));
  const nvmRoot = join(homedir(), '.nvm', 'versions', 'node');
  const fromNvm = existsSync(nvmRoot)
    ? readdirSync(nvmRoot)
        .filter((version) => version.startsWith(`v${major}.`))
        .map((version) => join(nvmRoot, version, 'bin', 'node'))
    : [];
  return [process.execPath, ...(fromEnvironment ? [fromEnvironment] : []), ...onPath, ...fromNvm];
}

/** A Node binary of that major version on this machine, or `undefined`. */
export function findNodeRuntime(major: number): NodeRuntime | undefined {
  for (const path of nodeCandidates(major)) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (version.startsWith(`v${major}.`)) return { major, version, path };
  }
  return undefined;
}
