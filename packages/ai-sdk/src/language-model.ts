import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type {
  ChatRoutes,
  Message,
  MessageStream,
  ModelName,
  RequestOptions,
  SendMessageRequest,
  Usage,
} from 'chatroutes';
import { historyWarning, readPrompt } from './prompt.js';
import { pullStream } from './pull-stream.js';

/** Where a ChatRoutes model writes: a conversation, and a branch of it. */
export interface ChatRoutesModelSettings {
  /** The conversation the replies are stored in. */
  conversationId: string;
  /** The branch to continue; the conversation's main branch by default. */
  branchId?: string;
}

const TEXT_ID = 'text';

/**
 * A ChatRoutes model as an AI SDK language model (specification `v3`, which `ai` 6 and 7 both
 * take), for `streamText` and `generateText`. Each call stores one exchange in the
 * conversation: the prompt's last user message and the reply, whose id is in
 * `providerMetadata.chatroutes.messageId`. ChatRoutes holds the history, so the rest of the
 * prompt is not sent; what the call asks for that ChatRoutes does not take comes back in
 * `warnings`.
 */
export class ChatRoutesLanguageModel implements LanguageModelV3 {
  /** The provider specification this model implements. */
  readonly specificationVersion: 'v3' = 'v3';
  /** Always `chatroutes`. */
  readonly provider = 'chatroutes';
  /** The ChatRoutes model that replies (sent as the message's `model`). */
  readonly modelId: ModelName;
  /** None: ChatRoutes takes no file URLs. */
  readonly supportedUrls = {};
  readonly #client: ChatRoutes;
  readonly #settings: ChatRoutesModelSettings;

  constructor(client: ChatRoutes, modelId: ModelName, settings: ChatRoutesModelSettings) {
    this.#client = client;
    this.modelId = modelId;
    this.#settings = { ...settings };
  }

  /** Sends the last user message and waits for the stored reply. */
  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { body, warnings } = await this.#prepare(options);
    const { message, usage, model } = await this.#client.messages.send(
      this.#settings.conversationId,
      body,
      requestOptions(options),
    );
    return {
      content: [{ type: 'text', text: message.content }],
      ...finish(message, usage, model),
      warnings,
      response: responseOf(message, model),
    };
  }

  /** Sends the last user message and streams the reply's text as it arrives. */
  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { body, warnings } = await this.#prepare(options);
    const stream = this.#client.messages.stream(
      this.#settings.conversationId,
      body,
      requestOptions(options),
    );
    return { stream: pullStream(streamParts(stream, warnings), () => stream.abort()) };
  }

  async #prepare(
    options: LanguageModelV3CallOptions,
  ): Promise<{ body: SendMessageRequest; warnings: SharedV3Warning[] }> {
    const { content, history, warnings } = readPrompt(options);
    const { conversationId, branchId } = this.#settings;
    // The branch's history is read only when the prompt brings one to compare.
    if (history.length > 0) {
      const branch = await (branchId === undefined
        ? this.#client.messages.list(conversationId, {}, requestOptions(options))
        : this.#client.branches.getMessages(conversationId, branchId, requestOptions(options)));
      const warning = historyWarning(history, branch);
      if (warning) warnings.push(warning);
    }
    // Fields left `undefined` are not sent.
    const body: SendMessageRequest = {
      content,
      model: this.modelId,
      branchId,
      temperature: options.temperature,
      maxTokens: options.maxOutputTokens,
    };
    return { body, warnings };
  }
}

/** The stream of one reply: its warnings first, its text as it arrives, then its end. */
async function* streamParts(
  stream: MessageStream,
  warnings: SharedV3Warning[],
): AsyncGenerator<LanguageModelV3StreamPart> {
  yield { type: 'stream-start', warnings };
  try {
    yield { type: 'text-start', id: TEXT_ID };
    for await (const chunk of stream) {
      if (chunk.type === 'content') {
        yield { type: 'text-delta', id: TEXT_ID, delta: chunk.content };
      } else if (chunk.type === 'complete') {
        yield { type: 'text-end', id: TEXT_ID };
        yield { type: 'response-metadata', ...responseOf(chunk.message, chunk.model) };
        yield { type: 'finish', ...finish(chunk.message, chunk.usage, chunk.model) };
      }
    }
  } catch (error) {
    // A failure is the stream's last part, as the AI SDK expects: `streamText` reports it.
    yield { type: 'error', error };
  }
}

/** The end of a reply: why it ended, its usage, and where it is stored. */
function finish(message: Message, usage: Usage, model: string) {
  const raw = message.metadata?.finishReason;
  return {
    // A reply is stored whole: it stopped unless the server says it reached its token limit.
    finishReason: { unified: raw === 'length' ? 'length' : 'stop', raw },
    usage: {
      inputTokens: {
        total: usage.promptTokens,
        noCache: undefined,
        cacheRead: undefined,
        cacheWrite: undefined,
      },
      outputTokens: {
        total: usage.completionTokens,
        text: usage.completionTokens,
        reasoning: undefined,
      },
      raw: { ...usage },
    },
    providerMetadata: {
      chatroutes: {
        messageId: message.id,
        branchId: message.branchId,
        userMessageId: message.parentMessageId,
        model,
      },
    },
  } satisfies Partial<LanguageModelV3GenerateResult>;
}

function responseOf(message: Message, model: string) {
  return { id: message.id, modelId: model, timestamp: new Date(message.createdAt) };
}

function requestOptions(options: LanguageModelV3CallOptions): RequestOptions {
  // The client leaves out a header whose value is `undefined`.
  return { signal: options.abortSignal, headers: options.headers as Record<string, string> };
}
