import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { findNodeRuntime, type NodeRuntime } from '../src/node-runtimes.js';
import { describeFailure, runCommand } from '../src/run-command.js';
import {
  expectScenarioPlayed,
  lastJsonLine,
  type ScenarioResult,
} from './support/scenario-result.js';

interface NodeScriptResult extends ScenarioResult {
  moduleSystem: string;
  loadedFrom: string;
}

const scratchDir = inject('scratchDir');

async function runScript(runtime: NodeRuntime, script: string): Promise<NodeScriptResult> {
  const result = await runCommand(runtime.path, [join('node', script)], {
    cwd: scratchDir,
    timeoutMs: 60_000,
  });
  expect(result.code, describeFailure(result)).toBe(0);
  return lastJsonLine<NodeScriptResult>(result.stdout);
}

// The versions the packages' `engines` allow and users run; each one found on this machine is
// tested, each one missing is reported as skipped with the places that were searched.
for (const major of [20, 22, 24]) {
  const runtime = findNodeRuntime(major);
  const title = runtime
    ? `Node ${runtime.version} (${runtime.path})`
    : `Node ${major}: skipped, no binary here (looked at this process, NODE${major}_PATH, node${major} on PATH, ~/.nvm)`;

  describe.skipIf(!runtime)(title, () => {
    it('runs the public API from an ESM script (import: dist/index.js)', async () => {
      const result = await runScript(runtime as NodeRuntime, 'esm.mjs');
      expect(result.moduleSystem).toBe('undefined');
      expect(result.loadedFrom).toMatch(/\/node_modules\/chatroutes\/dist\/index\.js$/);
      expectScenarioPlayed(result);
    });

    it('runs the public API from a CJS script (require: dist/index.cjs)', async () => {
      const result = await runScript(runtime as NodeRuntime, 'cjs.cjs');
      expect(result.moduleSystem).toBe('function');
      expect(result.loadedFrom).toMatch(/\/node_modules\/chatroutes\/dist\/index\.cjs$/);
      expectScenarioPlayed(result);
    });
  });
}
