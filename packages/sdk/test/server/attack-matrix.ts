import type { MockApp } from '@chatroutes/mock';
import type { OperationId } from '../../src/server/index.js';
import { call } from './harness.js';

/** The ids of one user's data (or ids that name nothing). */
export interface Ids {
  conversationId: string;
  branchId: string;
  messageId: string;
  checkpointId: string;
}

/** One request of the matrix; `label` says which id of the request is the other user's. */
export interface Attack {
  label: string;
  method: string;
  path: string;
  body?: object;
}

type Attacks = (target: Ids, own: Ids) => Attack[];

const c = (ids: Ids) => `/conversations/${ids.conversationId}`;
const b = (ids: Ids) => `${c(ids)}/branches/${ids.branchId}`;
const content = { content: 'let me in' };

/**
 * For every operation, each id it carries set to `target`'s, the rest the attacker's own
 * (`own`): in the path (`path`), in a second path parameter, in the body, in the query. A
 * `Record` over the spec's operations, so an operation added to the spec must be added here.
 */
export const ATTACKS: Record<OperationId, Attacks> = {
  // Neither names an existing conversation; listing is checked on its own.
  createConversation: () => [],
  listConversations: () => [],
  getConversation: (t) => [{ label: 'path', method: 'GET', path: c(t) }],
  updateConversation: (t) => [{ label: 'path', method: 'PATCH', path: c(t), body: { title: 'x' } }],
  deleteConversation: (t) => [{ label: 'path', method: 'DELETE', path: c(t) }],
  getConversationTree: (t) => [{ label: 'path', method: 'GET', path: `${c(t)}/tree` }],
  sendMessage: (t, o) => [
    { label: 'path', method: 'POST', path: `${c(t)}/messages`, body: content },
    {
      label: 'body.branchId',
      method: 'POST',
      path: `${c(o)}/messages`,
      body: { ...content, branchId: t.branchId },
    },
  ],
  streamMessage: (t, o) => [
    { label: 'path', method: 'POST', path: `${c(t)}/messages/stream`, body: content },
    {
      label: 'body.branchId',
      method: 'POST',
      path: `${c(o)}/messages/stream`,
      body: { ...content, branchId: t.branchId },
    },
  ],
  listMessages: (t, o) => [
    { label: 'path', method: 'GET', path: `${c(t)}/messages` },
    { label: 'query.branchId', method: 'GET', path: `${c(o)}/messages?branchId=${t.branchId}` },
  ],
  updateMessage: (t) => [
    { label: 'path', method: 'PATCH', path: `/messages/${t.messageId}`, body: { content: 'x' } },
  ],
  deleteMessage: (t) => [{ label: 'path', method: 'DELETE', path: `/messages/${t.messageId}` }],
  listBranches: (t) => [{ label: 'path', method: 'GET', path: `${c(t)}/branches` }],
  createBranch: (t, o) => [
    { label: 'path', method: 'POST', path: `${c(t)}/branches`, body: { title: 'x' } },
    {
      label: 'body.baseNodeId',
      method: 'POST',
      path: `${c(o)}/branches`,
      body: { title: 'x', baseNodeId: t.messageId },
    },
  ],
  forkConversation: (t, o) => [
    {
      label: 'path',
      method: 'POST',
      path: `${c(t)}/fork`,
      body: { title: 'x', forkPointMessageId: t.messageId },
    },
    {
      label: 'body.forkPointMessageId',
      method: 'POST',
      path: `${c(o)}/fork`,
      body: { title: 'x', forkPointMessageId: t.messageId },
    },
  ],
  updateBranch: (t, o) => [
    { label: 'path', method: 'PATCH', path: b(t), body: { title: 'x' } },
    {
      label: 'path.branchId',
      method: 'PATCH',
      path: b({ ...o, branchId: t.branchId }),
      body: { title: 'x' },
    },
  ],
  deleteBranch: (t, o) => [
    { label: 'path', method: 'DELETE', path: b(t) },
    { label: 'path.branchId', method: 'DELETE', path: b({ ...o, branchId: t.branchId }) },
  ],
  listBranchMessages: (t, o) => [
    { label: 'path', method: 'GET', path: `${b(t)}/messages` },
    {
      label: 'path.branchId',
      method: 'GET',
      path: `${b({ ...o, branchId: t.branchId })}/messages`,
    },
  ],
  sendBranchMessage: (t, o) => [
    { label: 'path', method: 'POST', path: `${b(t)}/messages`, body: content },
    {
      label: 'path.branchId',
      method: 'POST',
      path: `${b({ ...o, branchId: t.branchId })}/messages`,
      body: content,
    },
  ],
  mergeBranch: (t, o) => [
    { label: 'path', method: 'POST', path: `${b(t)}/merge` },
    { label: 'path.branchId', method: 'POST', path: `${b({ ...o, branchId: t.branchId })}/merge` },
  ],
  listCheckpoints: (t, o) => [
    { label: 'path', method: 'GET', path: `${c(t)}/checkpoints` },
    { label: 'query.branchId', method: 'GET', path: `${c(o)}/checkpoints?branchId=${t.branchId}` },
  ],
  createCheckpoint: (t, o) => [
    {
      label: 'path',
      method: 'POST',
      path: `${c(t)}/checkpoints`,
      body: { branchId: t.branchId, anchorMessageId: t.messageId },
    },
    {
      label: 'body.branchId',
      method: 'POST',
      path: `${c(o)}/checkpoints`,
      body: { branchId: t.branchId, anchorMessageId: o.messageId },
    },
    {
      label: 'body.anchorMessageId',
      method: 'POST',
      path: `${c(o)}/checkpoints`,
      body: { branchId: o.branchId, anchorMessageId: t.messageId },
    },
  ],
  deleteCheckpoint: (t) => [
    { label: 'path', method: 'DELETE', path: `/checkpoints/${t.checkpointId}` },
  ],
  recreateCheckpoint: (t) => [
    { label: 'path', method: 'POST', path: `/checkpoints/${t.checkpointId}/recreate` },
  ],
  // No conversation: open to every signed-in user.
  suggestBranches: () => [],
  autobranchHealth: () => [],
};

/** What one request answered, and whether the mock's data changed. */
interface Outcome {
  status: number;
  headers: string;
  body: string;
  changed: boolean;
}

async function attempt(
  relay: (request: Request) => Promise<Response>,
  mock: MockApp,
  attacker: string,
  attack: Attack,
): Promise<Outcome> {
  const before = mock.exportState();
  const response = await call(relay, attacker, attack.method, attack.path, attack.body);
  // Text, not JSON: a leaky relay may stream the victim's reply.
  const body = await response.text();
  const changed = JSON.stringify(mock.exportState()) !== JSON.stringify(before);
  // Each request starts from the same data, whatever a leaky relay let the previous one do.
  mock.importState(before);
  // Every answer of the API has its own request id, two for missing ids as well: its value
  // tells nothing, its presence would.
  const headers = JSON.stringify(
    [...response.headers].map(([name, value]) => [name, name === 'x-request-id' ? '' : value]),
  );
  return { status: response.status, headers, body, changed };
}

/**
 * Runs every attack of the matrix as `attacker`, once with the victim's ids and once with ids
 * that name nothing, and lists every difference: a status, a body or headers that tell them
 * apart, an answer that is not an error, or data that changed.
 */
export async function runMatrix(
  relay: (request: Request) => Promise<Response>,
  mock: MockApp,
  attacker: string,
  ids: { victim: Ids; missing: Ids; own: Ids },
): Promise<{ failures: string[]; attacks: number }> {
  const failures: string[] = [];
  let attacks = 0;
  for (const [operation, attacksOf] of Object.entries(ATTACKS)) {
    const onVictim = attacksOf(ids.victim, ids.own);
    const onMissing = attacksOf(ids.missing, ids.own);
    for (const [index, attack] of onVictim.entries()) {
      attacks += 1;
      const name = `${operation} (${attack.label})`;
      const victim = await attempt(relay, mock, attacker, attack);
      const missing = await attempt(relay, mock, attacker, onMissing[index] as Attack);
      if (victim.status < 400) failures.push(`${name}: answered ${victim.status}`);
      if (victim.changed) failures.push(`${name}: changed the victim's data`);
      if (missing.changed) failures.push(`${name}: a missing id changed data`);
      if (victim.status !== missing.status) {
        failures.push(`${name}: ${victim.status} for the victim's id, ${missing.status} for none`);
      } else if (victim.body !== missing.body) {
        failures.push(`${name}: the bodies differ`);
      } else if (victim.headers !== missing.headers) {
        failures.push(`${name}: the headers differ`);
      }
    }
  }
  return { failures, attacks };
}

/** The labels the matrix covers per operation, to compare with the table's `references`. */
export function labelsOf(operation: OperationId, ids: Ids): string[] {
  return ATTACKS[operation](ids, ids).map((attack) => attack.label);
}
