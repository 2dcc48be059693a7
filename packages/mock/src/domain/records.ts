import type { ContextMode, MessageRole } from '@chatroutes/fetch';
import type { KnownModel } from './model-catalogue.js';

/*
 * The mock's own storage records. They hold what the wire objects are built from plus
 * bookkeeping the wire never shows (owner, soft-deletion, ordering); the HTTP layer turns
 * them into the spec's types.
 */

export interface ConversationRecord {
  id: string;
  /** The API key that created it: conversations are private to their key. */
  owner: string;
  userId: string;
  title: string;
  model: KnownModel;
  createdAt: string;
  updatedAt: string;
  /** Creation order, to break ties between equal timestamps. */
  sequence: number;
  mainBranchId: string;
  branchIds: string[];
  deleted: boolean;
}

export interface BranchRecord {
  id: string;
  conversationId: string;
  parentBranchId: string | null;
  /** The last inherited message; `null` for the main branch and for branches of an empty one. */
  forkPointMessageId: string | null;
  baseNodeId: string | null;
  title: string;
  description: string | null;
  contextMode: ContextMode;
  isMain: boolean;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  /** Ids of the messages written on this branch, oldest first (inherited ones excluded). */
  messageIds: string[];
  /** How many of `messageIds` a merge has already copied into the parent. */
  mergedCount: number;
  deleted: boolean;
}

export interface MessageMetadataRecord {
  model: string;
  temperature?: number;
  maxTokens?: number;
  responseTime: number;
  finishReason: 'stop' | 'length';
  cost: number;
  checkpointUsed: boolean;
  contextTruncated: boolean;
  promptTokens: number;
  contextMessageCount: number;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  branchId: string;
  parentMessageId: string | null;
  role: MessageRole;
  content: string;
  tokenCount: number;
  contentHash: string;
  createdAt: string;
  sequence: number;
  metadata?: MessageMetadataRecord;
  deleted: boolean;
}

export interface CheckpointRecord {
  id: string;
  conversationId: string;
  branchId: string;
  anchorMessageId: string;
  summary: string;
  tokenCount: number;
  createdAt: string;
  sequence: number;
  deleted: boolean;
}
