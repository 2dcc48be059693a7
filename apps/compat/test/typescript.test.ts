import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type CommandResult, describeFailure, runCommand } from '../src/run-command.js';
import {
  SUPPORTED_COMPILERS,
  type TypeScriptCompiler,
  UNSUPPORTED,
} from '../src/typescript-compilers.js';

const projectDir = join(inject('scratchDir'), 'typescript');

// A full check of the declarations is CPU-bound: ~10 s on a quiet 2-core machine, several
// times that when the rest of \`pnpm test\` runs beside it.
const COMPILE_TIMEOUT_MS = 240_000;
const TEST_TIMEOUT_MS = COMPILE_TIMEOUT_MS + 10_000;

// The fixtures' settings: strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess and
// skipLibCheck false, so every declaration file the packages ship (and pull in) is checked.
// skipDefaultLibCheck leaves out only the compiler's own lib.*.d.ts, which never depend on us
// and cost half of each run.
function compile({ script }: TypeScriptCompiler, config: string): Promise<CommandResult> {
  return runCommand(process.execPath, [script, '-p', config, '--listFiles'], {
    cwd: projectDir,
    timeoutMs: COMPILE_TIMEOUT_MS,
  });
}

/** The declaration files a successful check loaded, relative to the project's node_modules. */
async function typeCheck(compiler: TypeScriptCompiler, config: string): Promise<string[]> {
  const result = await compile(compiler, config);
  expect(result.code, describeFailure(result)).toBe(0);
  return result.stdout
    .split('\n')
    .filter(
      (line) => line.includes('/node_modules/') && !/\/(typescript|native-preview)/.test(line),
    )
    .map((line) => line.trim().slice(line.lastIndexOf('/node_modules/') + '/node_modules/'.length));
}

beforeAll(() => {
  // One source, compiled as an ES module, a CommonJS module and a bundler module.
  for (const copy of ['esm.mts', 'cjs.cts', 'bundler.ts']) {
    copyFileSync(join(projectDir, 'usage.ts'), join(projectDir, copy));
  }
});

const compilers = SUPPORTED_COMPILERS.map(
  (compiler) => [`${compiler.name} (${compiler.version})`, compiler] as const,
);

describe.each(compilers)('the packed types under %s', (_, compiler) => {
  it(
    'type-check with moduleResolution node16, through both the import and require types',
    async () => {
      const declarations = await typeCheck(compiler, 'tsconfig.node16.json');
      const entries = [
        'chatroutes/dist/index',
        '@chatroutes/fetch/dist/index',
        '@chatroutes/mock/dist/index',
        '@chatroutes/mock/dist/node',
      ];
      for (const entry of entries) {
        expect(declarations).toContain(`${entry}.d.ts`);
        expect(declarations).toContain(`${entry}.d.cts`);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'type-check with moduleResolution bundler',
    async () => {
      const declarations = await typeCheck(compiler, 'tsconfig.bundler.json');
      expect(declarations).toContain('chatroutes/dist/index.d.ts');
      expect(declarations).toContain('@chatroutes/mock/dist/node.d.ts');
      expect(declarations).not.toContain('chatroutes/dist/index.d.cts');
    },
    TEST_TIMEOUT_MS,
  );
});

describe(`${UNSUPPORTED.name} (${UNSUPPORTED.version}), the release before the oldest supported`, () => {
  it(
    "fails, on openapi-fetch's declarations only: the floor is theirs, and still 5.4",
    async () => {
      const result = await compile(UNSUPPORTED, 'tsconfig.bundler.json');
      const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
      expect(result.code, describeFailure(result)).not.toBe(0);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error).toMatch(/^\.\.\/node_modules\/(openapi-fetch|openapi-typescript-helpers)\//);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
