import type { ContextEntry } from './built-in-model.js';
import { keywords } from './keywords.js';

const MAX_SENTENCES = 8;
/**
 * The most recent messages a summary reads (beside the first user message): a checkpoint of
 * a long history costs what this many messages do, not what the whole history does.
 */
export const SUMMARY_READS_MESSAGES = 200;
// What the user said carries the thread of a conversation; replies mostly elaborate on it.
const USER_WEIGHT = 1.5;

interface Candidate {
  order: number;
  speaker: string;
  sentence: string;
  score: number;
}

/**
 * An extractive summary: the user's first and latest sentences, plus the sentences whose
 * content words recur the most, kept in their original order and attributed to their
 * speaker. The budget grows with the history (up to 8 sentences); a long history is read as
 * its first user message and its latest {@link SUMMARY_READS_MESSAGES}. Deterministic, so a
 * checkpoint over the same messages always has the same summary.
 */
export function summarise(history: readonly ContextEntry[]): string {
  const candidates = sampleOf(history).flatMap((entry) =>
    splitSentences(entry.content).map((sentence) => ({ entry, sentence })),
  );
  const frequency = new Map<string, number>();
  for (const { sentence } of candidates) {
    for (const word of keywords(sentence)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }

  const scored: Candidate[] = candidates.map(({ entry, sentence }, order) => {
    const words = keywords(sentence);
    const weight = entry.role === 'user' ? USER_WEIGHT : 1;
    const total = words.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0);
    return {
      order,
      speaker: speakerOf(entry.role),
      sentence,
      score: words.length === 0 ? 0 : (weight * total) / Math.sqrt(words.length),
    };
  });

  // Where the conversation started and where it stands always belong in the summary; the
  // most salient sentences in between fill the rest of the budget.
  const userSentences = scored.filter((candidate) => candidate.speaker === 'User');
  const kept = new Set([userSentences[0], userSentences.at(-1)].filter((c) => c !== undefined));
  const budget = Math.min(MAX_SENTENCES, Math.max(3, Math.ceil(history.length / 2)));
  for (const candidate of [...scored].sort((a, b) => b.score - a.score || a.order - b.order)) {
    if (kept.size >= budget) break;
    kept.add(candidate);
  }
  const chosen = [...kept].sort((a, b) => a.order - b.order);
  const messages = history.length === 1 ? '1 message' : `${history.length} messages`;
  const body = chosen.map((candidate) => `${candidate.speaker}: ${candidate.sentence}`).join(' ');
  return body.length > 0 ? `Summary of ${messages}. ${body}` : `Summary of ${messages}.`;
}

/** The first user message and the latest {@link SUMMARY_READS_MESSAGES}, in order. */
function sampleOf(history: readonly ContextEntry[]): readonly ContextEntry[] {
  if (history.length <= SUMMARY_READS_MESSAGES) return history;
  const recent = history.slice(-SUMMARY_READS_MESSAGES);
  const first = history.find((entry) => entry.role === 'user');
  return first && !recent.includes(first) ? [first, ...recent] : recent;
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

function speakerOf(role: ContextEntry['role']): string {
  if (role === 'user') return 'User';
  if (role === 'assistant') return 'Assistant';
  return 'System';
}
