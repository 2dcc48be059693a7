import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { describeFailure, runCommand } from '../src/run-command.js';
import { tscPath } from '../src/workspace.js';

const projectDir = join(inject('scratchDir'), 'typescript');

/** The declaration files tsc loaded, as paths relative to the scratch project's node_modules. */
async function typeCheck(config: string): Promise<string[]> {
  const result = await runCommand(process.execPath, [tscPath, '-p', config, '--listFiles'], {
    cwd: projectDir,
  });
  expect(result.code, describeFailure(result)).toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => line.includes('/node_modules/') && !line.includes('/typescript/lib/'))
    .map((line) => line.slice(line.lastIndexOf('/node_modules/') + '/node_modules/'.length));
}

describe('a TypeScript project using the packed types (tsc --noEmit, TypeScript 5.9)', () => {
  beforeAll(() => {
    // One source, compiled as an ES module, a CommonJS module and a bundler module.
    for (const copy of ['esm.mts', 'cjs.cts', 'bundler.ts']) {
      copyFileSync(join(projectDir, 'usage.ts'), join(projectDir, copy));
    }
  });

  it('type-checks with moduleResolution node16, through both the import and require types', async () => {
    const declarations = await typeCheck('tsconfig.node16.json');
    for (const name of ['chatroutes', '@chatroutes/fetch', '@chatroutes/mock']) {
      expect(declarations).toContain(`${name}/dist/index.d.ts`);
      expect(declarations).toContain(`${name}/dist/index.d.cts`);
    }
  });

  it('type-checks with moduleResolution bundler', async () => {
    const declarations = await typeCheck('tsconfig.bundler.json');
    expect(declarations).toContain('chatroutes/dist/index.d.ts');
    expect(declarations).not.toContain('chatroutes/dist/index.d.cts');
  });
});
