import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AI_SDK_CHECKS,
  AI_SDK_KITS,
  type AiSdkKit,
  type KitRun,
  renderKitTable,
  runKitCell,
  typeCheckKit,
} from '../src/matrix/ai-sdk-kits.js';
import type { CheckResult } from '../src/matrix/report.js';
import type { MatrixRuntime } from '../src/matrix/runtimes.js';
import { pinnedVersion } from '../src/matrix/runtimes.js';
import { ensurePinnedInstall, ensureRuntimes } from '../src/runtime-cache.js';
import { createScratchProject, type ScratchProject } from '../src/scratch-project.js';
import { PUBLIC_PACKAGES } from '../src/workspace.js';

const cells = AI_SDK_KITS.flatMap((kit) => kit.runtimes.map((runtime) => ({ kit, runtime })));
const runs = new Map<(typeof cells)[number], KitRun>();
const typeChecks = new Map<AiSdkKit, CheckResult>();

/** What a kit's version must be: the pin of its manifest. */
function pinOf(kit: AiSdkKit): string {
  return createRequire(join(kit.manifestDir, 'package.json'))(join(kit.manifestDir, 'package.json'))
    .dependencies.ai;
}

/** Everything wrong with one run; an empty list is a green row. */
function problemsOf(kit: AiSdkKit, runtime: MatrixRuntime, run: KitRun): string[] {
  const { report } = run;
  if (!report) return ['it printed no report'];
  const problems: string[] = [];
  if (report.kit.version !== pinOf(kit)) problems.push(`it ran on ai ${report.kit.version}`);
  const node = runtime.dependency ? pinnedVersion(runtime.dependency) : '20.';
  if (!report.runtime.version.startsWith(node)) {
    problems.push(`it ran on Node ${report.runtime.version}, not ${node}`);
  }
  const names = report.checks.map((check) => check.name);
  if (names.join() !== AI_SDK_CHECKS.join()) problems.push(`it ran the checks ${names.join(', ')}`);
  for (const { name, status, detail } of report.checks) {
    if (status !== 'pass') problems.push(`${name}: ${detail}`);
  }
  return problems;
}

describe('@chatroutes/ai-sdk on each AI SDK major, packed, on the runtimes it supports', () => {
  let scratch: ScratchProject | undefined;
  let runtimesDir = '';
  const kitDirs = new Map<AiSdkKit, string>();
  let packedMock: typeof import('@chatroutes/mock/node');

  beforeAll(async () => {
    scratch = await createScratchProject([...PUBLIC_PACKAGES, '@chatroutes/ai-sdk']);
    packedMock = createRequire(join(scratch.dir, 'package.json'))('@chatroutes/mock/node');
    // Cold caches install from npm (the runtimes: a few hundred MB); warm ones take ms.
    runtimesDir = (await ensureRuntimes()).dir;
    for (const kit of AI_SDK_KITS) {
      kitDirs.set(kit, (await ensurePinnedInstall(kit.manifestDir, kit.cacheName)).dir);
    }
  }, 900_000);

  afterAll(() => {
    console.log(
      `@chatroutes/ai-sdk × the AI SDK\n${renderKitTable(
        cells.map((cell) => ({ ...cell, run: runs.get(cell), types: typeChecks.get(cell.kit) })),
      )}`,
    );
    scratch?.remove();
  });

  it.each(AI_SDK_KITS.map((kit) => [kit.name, kit] as const))(
    'the types type-check against %s',
    async (_, kit) => {
      const types = await typeCheckKit({
        scratchDir: scratch?.dir ?? '',
        kitInstallDir: kitDirs.get(kit) ?? '',
      });
      typeChecks.set(kit, types);
      expect(types.detail).toBe('');
      expect(types.status).toBe('pass');
    },
    250_000,
  );

  it.each(cells.map((cell) => [`${cell.kit.name} · ${cell.runtime.name}`, cell] as const))(
    '%s',
    async (_, cell) => {
      const mock = await packedMock.createMockServer({ streamDelayMs: 1 });
      let run: KitRun;
      try {
        run = await runKitCell({
          runtime: cell.runtime,
          scratchDir: scratch?.dir ?? '',
          kitInstallDir: kitDirs.get(cell.kit) ?? '',
          runtimesDir,
          mockUrl: mock.url,
        });
      } finally {
        await mock.close();
      }
      runs.set(cell, run);
      expect(problemsOf(cell.kit, cell.runtime, run), run.output).toEqual([]);
    },
    150_000,
  );
});
