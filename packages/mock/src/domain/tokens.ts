/**
 * The mock's tokenizer: about four characters per token, the usual rule of thumb for
 * English with GPT-style tokenizers. Deterministic, and close enough that usage figures
 * look like the service's.
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The longest prefix of `text`, cut at a word boundary, that fits in `maxTokens`. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (countTokens(text) <= maxTokens) return text;
  const words = text.match(/\S+\s*/g) ?? [];
  let kept = '';
  for (const word of words) {
    if (countTokens(kept + word) > maxTokens) break;
    kept += word;
  }
  return kept.trimEnd();
}
