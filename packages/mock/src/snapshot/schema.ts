import { KNOWN_MODELS } from '../domain/model-catalogue.js';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageMetadataRecord,
  MessageRecord,
} from '../domain/records.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './format.js';

/*
 * The shape of a snapshot as a JSON Schema, compiled ahead of time by `pnpm gen` like the
 * request validators (src/generated/snapshot-validator.js), so reading a snapshot compiles
 * no code at run time and the package does not carry this module. Each leaf carries
 * `x-problem`, the words a MockStateError uses when a value fails it (the validator reports
 * the failing schema). What a schema cannot say — that ids name records of the same
 * conversation, that parents form a tree, that a timestamp is a date — is checked in code
 * (read.ts).
 */

/** The $id under which the snapshot schema is compiled. */
export const SNAPSHOT_SCHEMA_ID = 'chatroutes-mock-snapshot';

type Schema = Record<string, unknown>;

const leaf = (schema: Schema, problem: string): Schema => ({ ...schema, 'x-problem': problem });

const string = leaf({ type: 'string' }, 'must be a string');
const boolean = leaf({ type: 'boolean' }, 'must be a boolean');
const number = leaf({ type: 'number' }, 'must be a number');
const count = leaf(
  { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  'must be a non-negative integer',
);
// Any text Date.parse reads: a clock the caller gave (`now`) may lie outside what the
// `date-time` format allows (years past 9999), and its timestamps must load again. The code
// checks it is a date.
const timestamp = string;
const id = (prefix: string): Schema =>
  leaf({ type: 'string', pattern: `^${prefix}_` }, `must be a ${prefix}_… id`);
const nullable = (schema: Schema): Schema => ({
  ...schema,
  type: [schema.type, 'null'],
});
const oneOf = (...allowed: string[]): Schema =>
  leaf({ type: 'string', enum: allowed }, `must be one of ${allowed.join(', ')}`);
const arrayOf = (items: Schema): Schema => ({
  ...leaf({ type: 'array' }, 'must be an array'),
  items,
});

/**
 * A record with exactly these fields (an unknown one is a typo or another version). Keyed
 * by every field of the record's interface: a field added to a record does not compile
 * until the snapshot describes it. Fields not listed in `optional` are required.
 */
const record = <T>(
  properties: { [K in keyof T]-?: Schema },
  optional: readonly (keyof T & string)[] = [],
): Schema => ({
  ...leaf({ type: 'object' }, 'must be an object'),
  additionalProperties: false,
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name as keyof T & string)),
});

const conversation = record<ConversationRecord>({
  id: id('conv'),
  owner: string,
  userId: string,
  title: string,
  model: leaf({ type: 'string', enum: KNOWN_MODELS }, 'is not a model the mock knows'),
  createdAt: timestamp,
  updatedAt: timestamp,
  sequence: count,
  mainBranchId: id('br'),
  branchIds: arrayOf(id('br')),
  deleted: boolean,
});

const branch = record<BranchRecord>({
  id: id('br'),
  conversationId: id('conv'),
  parentBranchId: nullable(id('br')),
  forkPointMessageId: nullable(id('msg')),
  baseNodeId: nullable(id('msg')),
  title: string,
  description: nullable(string),
  contextMode: oneOf('FULL', 'PARTIAL', 'MINIMAL'),
  isMain: boolean,
  isActive: boolean,
  createdAt: timestamp,
  updatedAt: timestamp,
  messageIds: arrayOf(id('msg')),
  mergedCount: count,
  deleted: boolean,
});

/** The request schemas of the spec this snapshot must agree with. */
export interface RequestSchemas {
  SendMessageRequest: { properties: { maxTokens: Schema } };
}

/** The snapshot schema, its bounds on what a request chose taken from the spec's requests. */
export function snapshotSchema(requests: RequestSchemas): Schema {
  const metadata = record<MessageMetadataRecord>(
    {
      model: string,
      temperature: number,
      // The request's own bound: whatever a send was allowed to ask for, its snapshot keeps
      // (the spec bounds maxTokens below only, so 1e308 is a valid request).
      maxTokens: leaf(
        requests.SendMessageRequest.properties.maxTokens,
        'must be an integer of at least 1',
      ),
      responseTime: number,
      finishReason: oneOf('stop', 'length'),
      cost: number,
      checkpointUsed: boolean,
      contextTruncated: boolean,
      promptTokens: count,
      contextMessageCount: count,
    },
    ['temperature', 'maxTokens'],
  );

  const message = record<MessageRecord>(
    {
      id: id('msg'),
      conversationId: id('conv'),
      branchId: id('br'),
      parentMessageId: nullable(id('msg')),
      role: oneOf('user', 'assistant', 'system'),
      content: string,
      tokenCount: count,
      contentHash: string,
      createdAt: timestamp,
      sequence: count,
      metadata,
      deleted: boolean,
    },
    ['metadata'],
  );

  const checkpoint = record<CheckpointRecord>({
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

  // The whole snapshot. Format and version are checked before it, with their own words.
  return {
    $id: SNAPSHOT_SCHEMA_ID,
    ...record({
      format: leaf({ const: SNAPSHOT_FORMAT }, `must be "${SNAPSHOT_FORMAT}"`),
      version: leaf({ const: SNAPSHOT_VERSION }, `must be ${SNAPSHOT_VERSION}`),
      conversations: arrayOf(conversation),
      branches: arrayOf(branch),
      messages: arrayOf(message),
      checkpoints: arrayOf(checkpoint),
    }),
  };
}
