import { keywords } from './keywords.js';
import type { KnownModel } from './model-catalogue.js';
import { createRandom, pick, seedFromText } from './prng.js';
import { countTokens, truncateToTokens } from './tokens.js';

/** One message as the built-in model sees it. */
export interface ContextEntry {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

export interface ReplyRequest {
  model: KnownModel;
  /** Everything before the prompt: a checkpoint summary (as `system`) and earlier messages. */
  context: readonly ContextEntry[];
  prompt: string;
  maxTokens?: number;
}

export interface Reply {
  content: string;
  finishReason: 'stop' | 'length';
}

const OPENINGS = [
  'Good question.',
  'Here is how I would look at it.',
  'Let me think this through.',
  'Short answer first, then the detail.',
  'There are a few angles here.',
] as const;

const BODIES = [
  'The simplest path is to start small, measure, and only then add complexity.',
  'It helps to separate what must be true from what would merely be nice.',
  'A concrete example usually settles the question faster than a general rule.',
  'The trade-off is mostly between speed now and flexibility later.',
  'Most of the risk sits in the edges, so test those first.',
  'Writing the steps down tends to reveal the one that was missing.',
  'If two options look equal, pick the one that is easier to undo.',
  'Ask who will maintain it in a year; that often decides it.',
] as const;

/**
 * The deterministic built-in model. Its reply depends only on the model name, the context
 * and the prompt: the same inputs always give the same text, and a different prompt,
 * context or model gives a different one. The text mentions what the prompt and the
 * earliest remembered user message are about, so a reply visibly reflects its context.
 */
export function generateReply({ model, context, prompt, maxTokens }: ReplyRequest): Reply {
  const fingerprint = [model, ...context.map((entry) => `${entry.role}:${entry.content}`), prompt];
  const random = createRandom(seedFromText(fingerprint.join('\u0000')));

  const sentences: string[] = [pick(random, OPENINGS)];
  sentences.push(
    keywords(prompt).length > 0
      ? `You asked: "${gist(prompt)}"`
      : 'You did not give me much to go on, so here is a general answer.',
  );

  const summary = context.find((entry) => entry.role === 'system');
  const firstUser = context.find((entry) => entry.role === 'user');
  if (summary) sentences.push('I am working from a summary of our earlier conversation.');
  if (firstUser) {
    sentences.push(`I keep in mind what you said earlier: "${gist(firstUser.content)}"`);
  }

  const bodyCount = 2 + Math.floor(random() * 3);
  const pool = [...BODIES];
  for (let index = 0; index < bodyCount && pool.length > 0; index++) {
    const [body] = pool.splice(Math.floor(random() * pool.length), 1);
    if (body) sentences.push(body);
  }

  const content = sentences.join(' ');
  if (maxTokens !== undefined && countTokens(content) > maxTokens) {
    return { content: truncateToTokens(content, maxTokens), finishReason: 'length' };
  }
  return { content, finishReason: 'stop' };
}

/** The first sentence of a text, cut to a readable length. */
function gist(text: string, max = 80): string {
  const first = text.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? '';
  return first.length <= max ? first : `${first.slice(0, max - 1).trimEnd()}…`;
}
