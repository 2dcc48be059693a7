import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { answers, eventually, isRunning } from '@chatroutes/openapi';
import { expect, it } from 'vitest';
import { childrenOf, processesInGroup } from './support/process-groups.js';

const killedRunner = fileURLToPath(new URL('./support/killed-runner.ts', import.meta.url));
// `--import tsx` resolves from the working directory: this package's has tsx.
const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('a test runner killed with SIGKILL during the soak leaves no mock behind', async () => {
  const runner = spawn(process.execPath, ['--import', 'tsx', killedRunner], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: runner.stdout }), 'line')) as [string];
    const { url, guardPid } = JSON.parse(line) as { url: string; guardPid: number };
    const health = `${url}/autobranch/health`;
    expect(await answers(health)).toBe(true);
    // The guard's only child is the mock, the first process of a group of its own.
    const [mockPid] = childrenOf(guardPid);
    expect(mockPid).toBeDefined();
    const group = mockPid as number;
    expect(processesInGroup(group)).toContain(group);

    runner.kill('SIGKILL');
    await once(runner, 'exit');
    expect(await eventually(() => processesInGroup(group).length === 0)).toBe(true);
    expect(await eventually(() => !isRunning(guardPid))).toBe(true);
    expect(await answers(health)).toBe(false);
  } finally {
    // Only if a check failed before the kill: the guard then stops the mock as it should.
    if (runner.exitCode === null && runner.signalCode === null) runner.kill('SIGKILL');
  }
});
