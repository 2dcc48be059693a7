import type { StateChanges } from '../domain/state.js';
import { type JsonObject, MockStateError, type MockStateSnapshot } from './format.js';

/**
 * The `--save-state` journal: one JSON line per committed change, the records it touched.
 * A change costs what it touched (a send: its two messages, the branch, the conversation),
 * not the whole state; the snapshot absorbs the journal on start and on a clean stop.
 * Branches are written without `messageIds`, which only ever grow by the new messages that
 * the same lines carry, so a line stays small however long the branch is.
 */
export function journalLine(changes: StateChanges): string | undefined {
  const { conversations, branches, messages, checkpoints } = changes;
  if (conversations.length + branches.length + messages.length + checkpoints.length === 0) {
    return undefined;
  }
  const withoutIds = branches.map(({ messageIds: _, ...branch }) => branch);
  return `${JSON.stringify({ conversations, branches: withoutIds, messages, checkpoints })}\n`;
}

type Kind = keyof StateChanges;
const KINDS: readonly Kind[] = ['conversations', 'branches', 'messages', 'checkpoints'];

/**
 * A snapshot with its journal's changes applied, in order: each record replaces the one of
 * its id (or is added), and a message new to the snapshot joins its branch's `messageIds`.
 * Applying a line twice changes nothing, so a crash between writing a snapshot and
 * removing the journal loses nothing and adds nothing. The last line may be cut short (the
 * process died while writing it): it is skipped. Any other bad line is a MockStateError.
 */
export function applyJournal(snapshot: MockStateSnapshot, journal: string): MockStateSnapshot {
  const records = Object.fromEntries(
    KINDS.map((kind) => [kind, new Map(snapshot[kind].map((record) => [record.id, record]))]),
  ) as Record<Kind, Map<unknown, JsonObject>>;
  const lines = journal.split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    let change: Record<Kind, JsonObject[]>;
    try {
      change = JSON.parse(line);
    } catch {
      if (index === lines.length - 1) return;
      throw new MockStateError(`journal line ${index + 1}`, 'is not JSON');
    }
    for (const kind of KINDS) {
      for (const record of change[kind] ?? []) applyRecord(records, kind, record);
    }
  });
  return {
    ...snapshot,
    ...Object.fromEntries(KINDS.map((kind) => [kind, [...records[kind].values()]])),
  };
}

function applyRecord(
  records: Record<Kind, Map<unknown, JsonObject>>,
  kind: Kind,
  record: JsonObject,
) {
  const previous = records[kind].get(record.id);
  if (kind === 'branches') {
    // The branch's messages are the ones it had, and the new ones as their lines come.
    records.branches.set(record.id, { ...record, messageIds: previous?.messageIds ?? [] });
    return;
  }
  records[kind].set(record.id, record);
  // A message the snapshot did not hold was written after it: it joins its branch's end.
  if (kind === 'messages' && !previous) {
    const ids = records.branches.get(record.branchId)?.messageIds;
    if (Array.isArray(ids)) ids.push(record.id as string);
  }
}
