import type { TestProject } from 'vitest/node';
import { createScratchProject } from '../../src/scratch-project.js';
import { removeStaleTempDirs } from '../../src/stale-temp-dirs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The scratch project holding the installed tarballs and the fixtures. */
    scratchDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  removeStaleTempDirs();
  const scratch = await createScratchProject();
  project.provide('scratchDir', scratch.dir);
  return scratch.remove;
}
