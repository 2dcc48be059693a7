export type {
  Branch,
  BranchSuggestion,
  Checkpoint,
  CompleteChunk,
  ContentChunk,
  ContextMode,
  Conversation,
  ConversationFilter,
  ConversationList,
  ConversationTree,
  CreateBranchRequest,
  CreateCheckpointRequest,
  CreateConversationRequest,
  ForkConversationRequest,
  HashedMessage,
  HealthResponse,
  Message,
  MessageMetadata,
  MessageRole,
  ModelName,
  SendMessageRequest,
  SendMessageResponse,
  StreamChunk,
  SuggestBranchesRequest,
  SuggestBranchesResponse,
  SuggestionMetadata,
  TreeNode,
  UpdateBranchRequest,
  UpdateConversationRequest,
  UpdateMessageRequest,
  Usage,
} from '@chatroutes/fetch/contract';
export { DEFAULT_BASE_URL, MODELS } from '@chatroutes/fetch/contract';
export { ChatRoutes } from './client.js';
export { APIPromise, type WithResponse } from './core/api-promise.js';
export {
  AbortError,
  AuthenticationError,
  ChatRoutesError,
  type ChatRoutesErrorInit,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  StreamError,
  TimeoutError,
  ValidationError,
} from './core/errors.js';
export type { Logger, LogLevel } from './core/logging.js';
export type { Middleware } from './core/middleware.js';
export type { ClientOptions, RequestOptions } from './core/options.js';
export { Page, PagePromise } from './core/pagination.js';
export { contentHashOf, verifyContentHash } from './helpers/content-hash.js';
export { type ContextInfo, contextInfo } from './helpers/context-info.js';
export { renderTree } from './helpers/render-tree.js';
export type { Redact } from './internal/redact.js';
export type {
  AnalyzeTextParams,
  Autobranch,
  SuggestBranchesParams,
} from './resources/autobranch.js';
export type { BranchQuery } from './resources/branch-query.js';
export type { Branches } from './resources/branches.js';
export type { BranchSelector, Checkpoints } from './resources/checkpoints.js';
export type { Conversations, ListConversationsParams } from './resources/conversations.js';
export type { Messages, StreamOptions } from './resources/messages.js';
export {
  MessageStream,
  type MessageStreamChunk,
  type MessageStreamOptions,
  type OpenStreamResponse,
  type RelayedStreamOptions,
  type StreamResult,
  type UnknownChunk,
} from './streaming/message-stream.js';
