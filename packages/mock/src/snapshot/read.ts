import type { ErrorObject } from 'ajv';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageRecord,
} from '../domain/records.js';
import { validateSnapshot } from '../generated/snapshot-validator.js';
import { MockStateError, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './format.js';

/** The records of a snapshot that passed every check. */
export interface SnapshotRecords {
  conversations: ConversationRecord[];
  branches: BranchRecord[];
  messages: MessageRecord[];
  checkpoints: CheckpointRecord[];
}

const fail = (path: string, problem: string): never => {
  throw new MockStateError(path, problem);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a snapshot (the object, or its JSON text): its shape against the snapshot schema
 * (schema.ts, compiled by `pnpm gen`), then what a schema cannot say — timestamps that are
 * dates, and every reference between records. Throws MockStateError at the first problem.
 * The records returned are fresh copies: the caller's object is never shared with the mock.
 */
export function readSnapshot(input: unknown): SnapshotRecords {
  const value = copyOf(input);
  if (!isObject(value) || value.format !== SNAPSHOT_FORMAT) {
    return fail('', `is not a @chatroutes/mock state snapshot (no format: "${SNAPSHOT_FORMAT}")`);
  }
  if (value.version !== SNAPSHOT_VERSION) {
    return fail(
      'snapshot.version',
      `${JSON.stringify(value.version)} is not supported: this @chatroutes/mock reads version ${SNAPSHOT_VERSION}`,
    );
  }
  if (!validateSnapshot(value)) {
    const [error] = validateSnapshot.errors ?? [];
    const { path, problem } = error ? locate(error) : { path: 'snapshot', problem: 'is not valid' };
    fail(path, problem);
  }
  const {
    format: _format,
    version: _version,
    ...records
  } = value as unknown as {
    format: string;
    version: number;
  } & SnapshotRecords;
  checkTimestamps(records);
  checkReferences(records);
  return records;
}

/**
 * The snapshot as fresh JSON: its text parsed, or the object copied through JSON, as the
 * mock would store it (`undefined` fields dropped, non-finite numbers made null and so
 * refused as numbers).
 */
function copyOf(input: unknown): unknown {
  try {
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    return text === undefined ? undefined : JSON.parse(text);
  } catch (error) {
    return fail(
      '',
      `is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Where a schema error is, as `snapshot.messages[3].role`, and its schema's words. */
function locate(error: ErrorObject): { path: string; problem: string } {
  const path = `snapshot${error.instancePath
    .split('/')
    .slice(1)
    .map((key) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`))
    .join('')}`;
  const problemOf = (schema: unknown) =>
    String((schema as { 'x-problem'?: string } | undefined)?.['x-problem'] ?? error.message);
  if (error.keyword === 'additionalProperties') {
    return {
      path: `${path}.${error.params.additionalProperty}`,
      problem: 'is not a field of this record',
    };
  }
  if (error.keyword === 'required') {
    const field = String(error.params.missingProperty);
    return {
      path: `${path}.${field}`,
      problem: problemOf(error.parentSchema?.properties?.[field]),
    };
  }
  return { path, problem: problemOf(error.parentSchema) };
}

/** Timestamps are text in the schema; here, text that reads as a date. */
function checkTimestamps(records: SnapshotRecords): void {
  const check = (value: string, path: string) => {
    if (Number.isNaN(Date.parse(value))) fail(path, 'must be an ISO 8601 timestamp');
  };
  for (const name of ['conversations', 'branches'] as const) {
    records[name].forEach((item, position) => {
      check(item.createdAt, `snapshot.${name}[${position}].createdAt`);
      check(item.updatedAt, `snapshot.${name}[${position}].updatedAt`);
    });
  }
  for (const name of ['messages', 'checkpoints'] as const) {
    records[name].forEach((item, position) => {
      check(item.createdAt, `snapshot.${name}[${position}].createdAt`);
    });
  }
}

/**
 * Every id a record names must be a record of the snapshot, of the same conversation; each
 * list names a record once; a conversation has one main branch and its branches' parents
 * form a tree. Linear in the size of the snapshot: membership goes through sets, never a
 * search of a list.
 */
function checkReferences(records: SnapshotRecords): void {
  const index = <T extends { id: string }>(items: T[], name: string) => {
    const byId = new Map<string, T>();
    items.forEach((item, position) => {
      if (byId.has(item.id)) fail(`${name}[${position}].id`, `repeats the id ${item.id}`);
      byId.set(item.id, item);
    });
    return byId;
  };
  const conversations = index(records.conversations, 'conversations');
  const branches = index(records.branches, 'branches');
  const messages = index(records.messages, 'messages');
  index(records.checkpoints, 'checkpoints');

  const expect = <T extends { conversationId: string }>(
    found: T | undefined,
    conversationId: string,
    path: string,
    what: string,
    reference: string,
  ): T => {
    if (!found || found.conversationId !== conversationId) {
      return fail(path, `names no ${what} of conversation ${conversationId} (${reference})`);
    }
    return found;
  };
  const conversationOf = (conversationId: string, path: string) =>
    conversations.get(conversationId) ??
    fail(path, `names no conversation of the snapshot (${conversationId})`);
  /** The ids of a list as a set; a repeated one is refused where it repeats. */
  const distinct = (ids: readonly string[], path: string, what: string): Set<string> => {
    const seen = new Set<string>();
    ids.forEach((id, at) => {
      if (seen.has(id)) fail(`${path}[${at}]`, `repeats the ${what} ${id}`);
      seen.add(id);
    });
    return seen;
  };

  const branchIdsOf = new Map<string, Set<string>>();
  records.conversations.forEach((item, position) => {
    const path = `conversations[${position}]`;
    const main = expect(
      branches.get(item.mainBranchId),
      item.id,
      `${path}.mainBranchId`,
      'branch',
      item.mainBranchId,
    );
    if (!main.isMain) fail(`${path}.mainBranchId`, `names a branch that is not main (${main.id})`);
    if (main.parentBranchId !== null) {
      fail(`${path}.mainBranchId`, `names a branch with a parent (${main.id}): main is the root`);
    }
    item.branchIds.forEach((branchId, at) => {
      expect(branches.get(branchId), item.id, `${path}.branchIds[${at}]`, 'branch', branchId);
    });
    branchIdsOf.set(item.id, distinct(item.branchIds, `${path}.branchIds`, 'branch'));
  });
  const messageIdsOf = new Map<string, Set<string>>();
  records.branches.forEach((item, position) => {
    const path = `branches[${position}]`;
    const conversation = conversationOf(item.conversationId, `${path}.conversationId`);
    if (!branchIdsOf.get(item.conversationId)?.has(item.id)) {
      fail(path, `is not listed in its conversation's branchIds (${item.id})`);
    }
    if (item.isMain && item.id !== conversation.mainBranchId) {
      fail(
        `${path}.isMain`,
        `is a second main branch of conversation ${conversation.id} (its main branch is ${conversation.mainBranchId})`,
      );
    }
    const optionalReference = (
      target: Map<string, { conversationId: string }>,
      value: string | null,
      field: string,
      what: string,
    ) => {
      if (value !== null)
        expect(target.get(value), item.conversationId, `${path}.${field}`, what, value);
    };
    optionalReference(branches, item.parentBranchId, 'parentBranchId', 'branch');
    optionalReference(messages, item.forkPointMessageId, 'forkPointMessageId', 'message');
    optionalReference(messages, item.baseNodeId, 'baseNodeId', 'message');
    item.messageIds.forEach((messageId, at) => {
      const found = messages.get(messageId);
      if (!found || found.branchId !== item.id) {
        fail(`${path}.messageIds[${at}]`, `names no message of this branch (${messageId})`);
      }
    });
    messageIdsOf.set(item.id, distinct(item.messageIds, `${path}.messageIds`, 'message'));
    if (item.mergedCount > item.messageIds.length) {
      fail(`${path}.mergedCount`, 'is larger than the branch has messages');
    }
  });
  checkBranchParentsFormTrees(records.branches, branches);
  records.messages.forEach((item, position) => {
    const path = `messages[${position}]`;
    conversationOf(item.conversationId, `${path}.conversationId`);
    expect(
      branches.get(item.branchId),
      item.conversationId,
      `${path}.branchId`,
      'branch',
      item.branchId,
    );
    if (!messageIdsOf.get(item.branchId)?.has(item.id)) {
      fail(path, `is not listed in its branch's messageIds (${item.id})`);
    }
    if (item.parentMessageId !== null) {
      expect(
        messages.get(item.parentMessageId),
        item.conversationId,
        `${path}.parentMessageId`,
        'message',
        item.parentMessageId,
      );
    }
  });
  records.checkpoints.forEach((item, position) => {
    const path = `checkpoints[${position}]`;
    conversationOf(item.conversationId, `${path}.conversationId`);
    expect(
      branches.get(item.branchId),
      item.conversationId,
      `${path}.branchId`,
      'branch',
      item.branchId,
    );
    expect(
      messages.get(item.anchorMessageId),
      item.conversationId,
      `${path}.anchorMessageId`,
      'message',
      item.anchorMessageId,
    );
  });
}

/**
 * Following parents from any branch must reach a root: histories and the tree are read by
 * walking up, so a cycle would never end. Each branch is walked once (a walk stops at a
 * branch already known to reach a root), so this is linear too.
 */
function checkBranchParentsFormTrees(
  list: readonly BranchRecord[],
  byId: ReadonlyMap<string, BranchRecord>,
): void {
  const reachesRoot = new Set<string>();
  list.forEach((start, position) => {
    const walk: string[] = [];
    const onWalk = new Set<string>();
    let current: BranchRecord | undefined = start;
    while (current && !reachesRoot.has(current.id)) {
      if (onWalk.has(current.id)) {
        const cycle = [...walk.slice(walk.indexOf(current.id)), current.id];
        fail(
          `branches[${position}].parentBranchId`,
          `forms a cycle of parent branches (${cycle.join(' → ')})`,
        );
      }
      walk.push(current.id);
      onWalk.add(current.id);
      current = current.parentBranchId === null ? undefined : byId.get(current.parentBranchId);
    }
    for (const id of walk) reachesRoot.add(id);
  });
}
