import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Message,
  SharedV3Warning,
} from '@ai-sdk/provider';
import { ChatRoutesError, type Message } from 'chatroutes';

/** One message of a prompt as ChatRoutes can hold it: a role and a text. */
interface Turn {
  role: LanguageModelV3Message['role'];
  text: string;
}

/** What a call sends (the last user message), what it cannot send, and what it leaves out. */
export interface ReadPrompt {
  /** The text of the prompt's last message, a user message. */
  content: string;
  /** The prompt's messages before it, system messages aside. */
  history: Turn[];
  /** One per feature of the call that ChatRoutes does not take. */
  warnings: SharedV3Warning[];
}

// Settings of a call that ChatRoutes has no field for.
const UNSUPPORTED_SETTINGS = [
  'topP',
  'topK',
  'stopSequences',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
] as const;

/**
 * The call as ChatRoutes takes it. ChatRoutes keeps the history and the instructions of a
 * conversation itself, so only the last user message is sent; whatever else the call asks
 * for (tools, a system prompt, settings without a ChatRoutes field, files) is named in a
 * warning rather than dropped silently. Throws only when there is nothing to send.
 */
export function readPrompt(options: LanguageModelV3CallOptions): ReadPrompt {
  const warnings: SharedV3Warning[] = [];
  const unsupported = (feature: string, details: string) =>
    warnings.push({ type: 'unsupported', feature, details });
  if (options.tools?.length) {
    unsupported('tools', 'ChatRoutes replies with text; the tools were not sent');
  }
  for (const setting of UNSUPPORTED_SETTINGS) {
    if (options[setting] !== undefined) unsupported(setting, 'ChatRoutes has no such setting');
  }
  if (options.responseFormat?.type === 'json') {
    unsupported('responseFormat', 'ChatRoutes replies with text; JSON was not enforced');
  }
  const turns: Turn[] = [];
  for (const message of options.prompt) {
    if (message.role === 'system') continue;
    turns.push({ role: message.role, text: textOf(message) });
    if (message.content.some((part) => part.type !== 'text')) {
      unsupported(`${message.role} content`, 'Only text parts are sent or compared');
    }
  }
  if (options.prompt.some((message) => message.role === 'system')) {
    unsupported(
      'system',
      'ChatRoutes keeps the conversation and its instructions; the system prompt was not sent',
    );
  }
  const last = turns.pop();
  if (last?.role !== 'user') {
    throw new ChatRoutesError('The prompt must end with a user message: ChatRoutes sends only it', {
      code: 'invalid_argument',
    });
  }
  return { content: last.text, history: turns, warnings };
}

/**
 * A warning when the prompt's earlier messages are not the branch's history: ChatRoutes
 * answers from the branch, not from what the prompt says happened before.
 */
export function historyWarning(
  history: readonly Turn[],
  branch: readonly Message[],
): SharedV3Warning | undefined {
  const same =
    history.length === branch.length &&
    history.every(
      (turn, at) => turn.role === branch[at]?.role && turn.text === branch[at]?.content,
    );
  return same
    ? undefined
    : {
        type: 'other',
        message:
          "The prompt's earlier messages differ from the branch's history; ChatRoutes answered from the branch's history (only the last user message was sent)",
      };
}

function textOf(message: Exclude<LanguageModelV3Message, { role: 'system' }>): string {
  let text = '';
  for (const part of message.content) if (part.type === 'text') text += part.text;
  return text;
}
