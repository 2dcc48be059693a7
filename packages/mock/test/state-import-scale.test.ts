import { describe, expect, it } from 'vitest';
import { createMockApp, type MockStateSnapshot } from '../src/index.js';
import { setup } from './helpers.js';

/**
 * A snapshot of one conversation whose main branch holds `size` messages: copies of the user
 * message of a real exchange (so every field is one the mock writes), with fresh ids.
 */
async function snapshotWithMessages(size: number): Promise<MockStateSnapshot> {
  const source = setup();
  const conversation = await source.createConversation({ title: 'Long' });
  await source.send(conversation.id, { content: 'Hi' });
  const snapshot = source.mock.exportState();
  const [user] = snapshot.messages;
  const main = snapshot.branches[0];
  if (!user || !main) throw new Error('the exchange left no records');

  const messages = Array.from({ length: size }, (_, index) => ({
    ...user,
    id: `msg_${String(index).padStart(16, '0')}`,
    parentMessageId: index === 0 ? null : `msg_${String(index - 1).padStart(16, '0')}`,
    sequence: index + 10,
  }));
  return {
    ...snapshot,
    branches: [{ ...main, messageIds: messages.map((message) => message.id) }],
    messages,
  };
}

/**
 * The CPU time of this process, in ms: unlike the clock, other processes on a busy machine
 * (a CI running every suite at once) cannot inflate it.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The fastest of three imports of the snapshot, in CPU ms (after one untimed, to warm up). */
function fastestImport(snapshot: MockStateSnapshot): number {
  const mock = createMockApp();
  mock.importState(snapshot);
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = cpuMs();
    mock.importState(snapshot);
    fastest = Math.min(fastest, cpuMs() - started);
  }
  return fastest;
}

describe('importing a large snapshot', { timeout: 60_000 }, () => {
  // Compared with a quarter of its size in the same run, in CPU time, not against a clock:
  // linear work takes about 4 times as long, quadratic work 16 times.
  it('takes time linear in its messages', async () => {
    const small = fastestImport(await snapshotWithMessages(10_000));
    const large = fastestImport(await snapshotWithMessages(40_000));
    expect(large / small).toBeLessThan(8);
  });
});
