import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPECTED_SCENARIO_RESULT } from './scenario.js';

// Node's switch for what workerd and a strict Content-Security-Policy enforce:
// `eval` and `new Function` throw EvalError.
const NO_CODE_GENERATION = '--disallow-code-generation-from-strings';
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function runNode(args: string[]) {
  return spawnSync(process.execPath, [NO_CODE_GENERATION, ...args], {
    // `--import tsx` resolves from the working directory: run where tsx is installed.
    cwd: packageDir,
    encoding: 'utf8',
  });
}

// Each test starts a Node process (through tsx for the scenario): seconds on a loaded machine.
describe('the in-process mock where code generation from strings is forbidden', {
  timeout: 30_000,
}, () => {
  it('is a real restriction: Ajv compiling a schema at run time throws there', () => {
    const compileAtRunTime = runNode([
      '--input-type=module',
      '-e',
      "const { Ajv2020 } = await import('ajv/dist/2020.js'); new Ajv2020().compile({ type: 'string' });",
    ]);
    expect(compileAtRunTime.status).not.toBe(0);
    expect(compileAtRunTime.stderr).toMatch(/EvalError: Code generation from strings disallowed/);
  });

  it('creates the app, answers requests and validates them with the precompiled validators', () => {
    const played = runNode(['--import', 'tsx', 'test/portable/play-scenario.ts']);
    expect(played.stderr).toBe('');
    expect(played.status).toBe(0);
    expect(JSON.parse(played.stdout)).toEqual(EXPECTED_SCENARIO_RESULT);
  });
});
