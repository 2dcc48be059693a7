import type { MockState } from '../domain/state.js';
import {
  type JsonObject,
  type MockStateSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
} from './format.js';
import type { SnapshotRecords } from './read.js';

/** A JSON copy of a record: later changes to the mock never reach an exported snapshot. */
const toJson = (record: object): JsonObject => JSON.parse(JSON.stringify(record));

const bySequence = <T extends { sequence?: number }>(records: Iterable<T>): T[] =>
  [...records].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));

/** Everything the state holds, as a versioned JSON snapshot. */
export function exportSnapshot(state: MockState): MockStateSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    conversations: bySequence(state.conversations.values()).map(toJson),
    // Branches carry no sequence: their order of creation is the conversations' `branchIds`.
    branches: [...state.branches.values()].map(toJson),
    messages: bySequence(state.messages.values()).map(toJson),
    checkpoints: bySequence(state.checkpoints.values()).map(toJson),
  };
}

/**
 * Replaces the state's data with checked snapshot records (see readSnapshot). The ordering
 * counter continues after the highest imported sequence, so new records sort after them.
 */
export function importSnapshot(state: MockState, records: SnapshotRecords): void {
  const load = <T extends { id: string }>(target: Map<string, T>, items: T[]) => {
    target.clear();
    for (const item of items) target.set(item.id, item);
  };
  load(state.conversations, records.conversations);
  load(state.branches, records.branches);
  load(state.messages, records.messages);
  load(state.checkpoints, records.checkpoints);
  // A loop, not Math.max(...): a spread of a large snapshot would overflow the stack.
  let highest = 0;
  for (const record of [...records.conversations, ...records.messages, ...records.checkpoints]) {
    highest = Math.max(highest, record.sequence);
  }
  state.continueSequenceAfter(highest);
}
