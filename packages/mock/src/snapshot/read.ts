import type { ContextMode, MessageRole } from '@chatroutes/fetch';
import type { IdPrefix } from '../domain/ids.js';
import { isKnownModel, type KnownModel } from '../domain/model-catalogue.js';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageMetadataRecord,
  MessageRecord,
} from '../domain/records.js';
import { MockStateError, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './format.js';

/** The records of a snapshot that passed every check. */
export interface SnapshotRecords {
  conversations: ConversationRecord[];
  branches: BranchRecord[];
  messages: MessageRecord[];
  checkpoints: CheckpointRecord[];
}

/*
 * A checker per field type. `fields` below takes one per field of a record interface, so a
 * field added to a record does not compile until the snapshot reader checks it too.
 */
type Check<T> = (value: unknown, path: string) => T;
type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

const fail = (path: string, problem: string): never => {
  throw new MockStateError(path, problem);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check<string> = (value, path) =>
  typeof value === 'string' ? value : fail(path, 'must be a string');

const boolean: Check<boolean> = (value, path) =>
  typeof value === 'boolean' ? value : fail(path, 'must be a boolean');

const number: Check<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'must be a number');

const count: Check<number> = (value, path) =>
  Number.isSafeInteger(value) && (value as number) >= 0
    ? (value as number)
    : fail(path, 'must be a non-negative integer');

/*
 * A limit a client chose, checked as the spec bounds it in a request (an integer of at least
 * 1, with no maximum): what the API accepted and stored, its snapshot must load again, even
 * beyond 2^53 (JSON writes and reads such numbers exactly as JavaScript holds them).
 */
const requestedLimit: Check<number> = (value, path) =>
  Number.isInteger(value) && (value as number) >= 1
    ? (value as number)
    : fail(path, 'must be an integer of at least 1');

const timestamp: Check<string> = (value, path) => {
  const text = string(value, path);
  return Number.isNaN(Date.parse(text)) ? fail(path, 'must be an ISO 8601 timestamp') : text;
};

const oneOf =
  <T extends string>(...allowed: T[]): Check<T> =>
  (value, path) =>
    allowed.includes(value as T)
      ? (value as T)
      : fail(path, `must be one of ${allowed.join(', ')}`);

const model: Check<KnownModel> = (value, path) => {
  const name = string(value, path);
  return isKnownModel(name) ? name : fail(path, `is not a model the mock knows ("${name}")`);
};

const id =
  (prefix: IdPrefix): Check<string> =>
  (value, path) => {
    const text = string(value, path);
    return text.startsWith(`${prefix}_`) ? text : fail(path, `must be a ${prefix}_… id`);
  };

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path);

const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : check(value, path);

const arrayOf =
  <T>(check: Check<T>): Check<T[]> =>
  (value, path) =>
    Array.isArray(value)
      ? value.map((item, index) => check(item, `${path}[${index}]`))
      : fail(path, 'must be an array');

/** A record with exactly these fields: an unknown field is a typo or another version. */
const fields =
  <T>(shape: Fields<T>): Check<T> =>
  (value, path) => {
    if (!isObject(value)) return fail(path, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'is not a field of this record');
    }
    const record: Partial<T> = {};
    for (const key of Object.keys(shape) as (keyof T & string)[]) {
      const checked = shape[key](value[key], `${path}.${key}`);
      if (checked !== undefined) record[key] = checked;
    }
    return record as T;
  };

const conversation = fields<ConversationRecord>({
  id: id('conv'),
  owner: string,
  userId: string,
  title: string,
  model,
  createdAt: timestamp,
  updatedAt: timestamp,
  sequence: count,
  mainBranchId: id('br'),
  branchIds: arrayOf(id('br')),
  deleted: boolean,
});

const branch = fields<BranchRecord>({
  id: id('br'),
  conversationId: id('conv'),
  parentBranchId: nullable(id('br')),
  forkPointMessageId: nullable(id('msg')),
  baseNodeId: nullable(id('msg')),
  title: string,
  description: nullable(string),
  contextMode: oneOf<ContextMode>('FULL', 'PARTIAL', 'MINIMAL'),
  isMain: boolean,
  isActive: boolean,
  createdAt: timestamp,
  updatedAt: timestamp,
  messageIds: arrayOf(id('msg')),
  mergedCount: count,
  deleted: boolean,
});

const metadata = fields<MessageMetadataRecord>({
  model: string,
  temperature: optional(number),
  maxTokens: optional(requestedLimit),
  responseTime: number,
  finishReason: oneOf('stop', 'length'),
  cost: number,
  checkpointUsed: boolean,
  contextTruncated: boolean,
  promptTokens: count,
  contextMessageCount: count,
});

const message = fields<MessageRecord>({
  id: id('msg'),
  conversationId: id('conv'),
  branchId: id('br'),
  parentMessageId: nullable(id('msg')),
  role: oneOf<MessageRole>('user', 'assistant', 'system'),
  content: string,
  tokenCount: count,
  contentHash: string,
  createdAt: timestamp,
  sequence: count,
  metadata: optional(metadata),
  deleted: boolean,
});

const checkpoint = fields<CheckpointRecord>({
  id: id('cp'),
  conversationId: id('conv'),
  branchId: id('br'),
  anchorMessageId: id('msg'),
  summary: string,
  tokenCount: count,
  createdAt: timestamp,
  sequence: count,
  deleted: boolean,
});

const envelope = fields<{ format: string; version: number } & SnapshotRecords>({
  format: (value, path) =>
    value === SNAPSHOT_FORMAT ? SNAPSHOT_FORMAT : fail(path, `must be "${SNAPSHOT_FORMAT}"`),
  version: (value, path) =>
    value === SNAPSHOT_VERSION
      ? SNAPSHOT_VERSION
      : fail(
          path,
          `${JSON.stringify(value)} is not supported: this @chatroutes/mock reads version ${SNAPSHOT_VERSION}`,
        ),
  conversations: arrayOf(conversation),
  branches: arrayOf(branch),
  messages: arrayOf(message),
  checkpoints: arrayOf(checkpoint),
});

/**
 * Reads a snapshot (the object, or its JSON text) and checks every record and every
 * reference between records; throws MockStateError at the first problem. The records
 * returned are fresh copies: the caller's object is never shared with the mock.
 */
export function readSnapshot(input: unknown): SnapshotRecords {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      fail('', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isObject(value) || value.format !== SNAPSHOT_FORMAT) {
    fail('', `is not a @chatroutes/mock state snapshot (no format: "${SNAPSHOT_FORMAT}")`);
  }
  const { format: _format, version: _version, ...records } = envelope(value, 'snapshot');
  checkReferences(records);
  return records;
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
