import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Message,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type { Message } from 'chatroutes';

/** A message of a prompt that ChatRoutes could hold: not a system message. */
type Turn = Exclude<LanguageModelV3Message, { role: 'system' }>;

/** What a call sends (the last user message), what it leaves out, and what it cannot do. */
export interface ReadPrompt {
  /** The text of the prompt's last message, a user message. */
  content: string;
  /** The prompt's messages before it, system messages aside. */
  history: Turn[];
  /** One per feature of the call that ChatRoutes does not take. */
  warnings: SharedV3Warning[];
}

// Call options that ChatRoutes has no field for.
const UNSUPPORTED = [
  'tools',
  'topP',
  'topK',
  'stopSequences',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
] as const;

/**
 * The call as ChatRoutes takes it. ChatRoutes keeps a conversation's history and instructions
 * itself, so only the last user message is sent; what else the call asks for (tools, a
 * system prompt, settings without a ChatRoutes field, files) is named in a warning, never
 * dropped silently. Throws only when there is no user message to send.
 */
export function readPrompt(options: LanguageModelV3CallOptions): ReadPrompt {
  const warnings: SharedV3Warning[] = [];
  const unsupported = (feature: string, details?: string) => {
    warnings.push({ type: 'unsupported', feature, details });
  };
  for (const option of UNSUPPORTED) if (options[option] !== undefined) unsupported(option);
  if (options.responseFormat?.type === 'json') unsupported('responseFormat', 'Replies are text');
  const history = options.prompt.filter((message): message is Turn => message.role !== 'system');
  if (history.length < options.prompt.length) {
    unsupported('system', 'ChatRoutes keeps the instructions of a conversation');
  }
  const last = history.pop();
  if (last?.role !== 'user') {
    throw new TypeError('The prompt must end with the user message ChatRoutes is to send');
  }
  if (last.content.some((part) => part.type !== 'text')) unsupported('files', 'Only text is sent');
  return { content: textOf(last), history, warnings };
}

/**
 * A warning when the prompt's earlier messages are not the branch's history: ChatRoutes
 * answers from the branch, not from what the prompt says came before.
 */
export function historyWarning(
  history: readonly Turn[],
  branch: readonly Message[],
): SharedV3Warning | undefined {
  const same =
    history.length === branch.length &&
    history.every(
      (turn, at) => turn.role === branch[at]?.role && textOf(turn) === branch[at]?.content,
    );
  return same
    ? undefined
    : {
        type: 'other',
        message: "The prompt's history differs from the branch's, which ChatRoutes answered from",
      };
}

function textOf(turn: Turn): string {
  return turn.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
