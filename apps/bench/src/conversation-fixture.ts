import type { Branch, Conversation, Message } from 'chatroutes';
import { seededRandom } from './seeded-random.js';

/** The shape of a generated conversation. */
export interface ConversationShape {
  messages: number;
  branches: number;
  /** Messages of the main branch; the other branches share the rest. */
  mainMessages: number;
}

export const CONVERSATION_ID = 'conv_bench';
const WORDS = 'the train a day trip Lisbon river tram castle museum budget winter pack'.split(' ');

/**
 * A conversation as `GET /conversations/{id}` returns it: a main branch, and branches forked
 * at assistant replies of earlier branches, each with its own exchanges. Messages carry
 * `parentMessageId` as the service writes it (the message before them in their branch's
 * history), which is what assistant-ui's repository is fed.
 */
export function generateConversation(shape: ConversationShape): Conversation {
  const next = seededRandom(shape.messages * 31 + shape.branches);
  const messages: Message[] = [];
  const branches: Branch[] = [];
  const paths = new Map<string, string[]>();
  let clock = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1) + clock++ * 1000).toISOString();
  const text = (n: number) =>
    Array.from({ length: 12 }, (_, i) => WORDS[(n + i * 7) % WORDS.length]).join(' ');

  const addBranch = (id: string, parent?: { branchId: string; forkPoint: string }) => {
    branches.push({
      id,
      conversationId: CONVERSATION_ID,
      title: id,
      isMain: !parent,
      isActive: true,
      createdAt: at(),
      ...(parent && { parentBranchId: parent.branchId, forkPointMessageId: parent.forkPoint }),
    });
  };
  const write = (branchId: string, inherited: readonly string[], count: number) => {
    const path = [...inherited];
    for (let n = 0; n < count; n++) {
      const id = `msg_${messages.length}`;
      messages.push({
        id,
        conversationId: CONVERSATION_ID,
        branchId,
        parentMessageId: path.at(-1) ?? null,
        role: path.length % 2 === 0 ? 'user' : 'assistant',
        content: text(messages.length),
        createdAt: at(),
      });
      path.push(id);
    }
    paths.set(branchId, path);
  };

  addBranch('br_main');
  write('br_main', [], shape.mainMessages);
  const perBranch = Math.max(
    2,
    2 * Math.round((shape.messages - shape.mainMessages) / (shape.branches - 1) / 2),
  );
  for (let b = 1; b < shape.branches; b++) {
    const parents = [...paths.keys()];
    const parentId = parents[Math.floor(next() * parents.length)] as string;
    const parentPath = paths.get(parentId) as string[];
    // Fork at an assistant reply (odd positions), anywhere along the parent's path.
    const at = 1 + 2 * Math.floor((next() * parentPath.length) / 2);
    const forkIndex = Math.min(at, parentPath.length - 1);
    const id = `br_${b}`;
    addBranch(id, { branchId: parentId, forkPoint: parentPath[forkIndex] as string });
    write(id, parentPath.slice(0, forkIndex + 1), perBranch);
  }
  return {
    id: CONVERSATION_ID,
    userId: 'usr_bench',
    title: 'Bench',
    createdAt: at(),
    updatedAt: at(),
    branches,
    messages,
  };
}

/** The branch whose path is the longest, and its length. */
export function deepestBranch(conversation: Conversation): { branchId: string; depth: number } {
  const depth = new Map<string, number>();
  const byId = new Map((conversation.messages ?? []).map((m) => [m.id, m]));
  let best = { branchId: '', depth: -1 };
  for (const message of conversation.messages ?? []) {
    const parent = message.parentMessageId ? byId.get(message.parentMessageId) : undefined;
    const d = (parent ? (depth.get(parent.id) ?? 0) : 0) + 1;
    depth.set(message.id, d);
    if (d > best.depth) best = { branchId: message.branchId ?? '', depth: d };
  }
  return best;
}
