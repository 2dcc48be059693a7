/** Why a span of text looks like a place where a conversation could branch. */
export type BranchPointKind = 'question' | 'enumeration' | 'alternative' | 'addition';

export interface BranchPoint {
  kind: BranchPointKind;
  /** Offsets into the analysed text, `end` exclusive: `text.slice(start, end) === triggerText`. */
  start: number;
  end: number;
  triggerText: string;
  confidence: number;
}

interface Pattern {
  kind: BranchPointKind;
  regex: RegExp;
  confidence: number;
  /** Only count the pattern when it occurs at least this often (one question is no fork). */
  minOccurrences?: number;
  /** Confidence when it occurs fewer than `minOccurrences` times; omitted = ignore it. */
  loneConfidence?: number;
}

// Confidences rank how surely a find starts a different line of conversation: explicit
// alternatives most, then separate questions and list items, then loose additions.
const PATTERNS: readonly Pattern[] = [
  {
    kind: 'alternative',
    // Starts only at a word's start (the lookbehind), so no word is rescanned from inside.
    regex: /(?<![\p{L}\p{N}'-])[\p{L}\p{N}'-]+\s+(?:or|versus|vs\.?)\s+[\p{L}\p{N}'-]+/giu,
    confidence: 0.86,
  },
  {
    kind: 'alternative',
    regex: /\b(?:alternatively|on the other hand|instead)\b[^.!?\n]*/gi,
    confidence: 0.82,
  },
  { kind: 'alternative', regex: /\bwhat about\b[^.!?\n]*/gi, confidence: 0.8 },
  // A sentence ending in a question mark; several of them are several threads.
  {
    kind: 'question',
    // Starts only where a sentence starts, so a long sentence without `?` is scanned once.
    regex: /(?<![^.!?\n])[^.!?\n]*\?/g,
    confidence: 0.8,
    minOccurrences: 2,
    loneConfidence: 0.6,
  },
  // A list item, numbered or bulleted, one per line.
  {
    kind: 'enumeration',
    regex: /^[ \t]*(?:\d+[.)]|[-*•])[ \t]+[^\n]+/gm,
    confidence: 0.8,
    minOccurrences: 2,
  },
  // Ordinal words used as an inline enumeration: "first … second … finally …".
  {
    kind: 'enumeration',
    regex: /\b(?:first|second|third|fourth|finally)(?:ly)?\b[^,.;!?\n]*/gi,
    confidence: 0.75,
    minOccurrences: 2,
  },
  { kind: 'addition', regex: /\band also\b[^.!?\n]*/gi, confidence: 0.72 },
];

/**
 * Finds the branch points of a text by pattern: several questions, list items, ordinal
 * enumerations, alternatives ("or", "alternatively", "what about") and additions ("and
 * also"). Overlapping finds keep the more confident one. The result is ordered by position.
 */
export function detectBranchPoints(text: string): BranchPoint[] {
  const found: BranchPoint[] = [];
  for (const pattern of PATTERNS) {
    const matches = [...text.matchAll(pattern.regex)]
      .map((match) => trimmedSpan(match[0], match.index))
      .filter((span) => span.end > span.start);
    const enough = matches.length >= (pattern.minOccurrences ?? 1);
    const confidence = enough ? pattern.confidence : pattern.loneConfidence;
    if (confidence === undefined) continue;
    for (const span of matches) {
      found.push({
        kind: pattern.kind,
        ...span,
        triggerText: text.slice(span.start, span.end),
        confidence,
      });
    }
  }

  return keepMostConfident(found, text.length).sort((a, b) => a.start - b.start);
}

/**
 * Of overlapping finds, the more confident (then the earlier) one. Linear in the text: a
 * find is checked and marked character by character, and the finds of one pattern never
 * overlap each other, so each character is visited a bounded number of times (one pass per
 * pattern), however many finds there are.
 */
function keepMostConfident(found: BranchPoint[], textLength: number): BranchPoint[] {
  const taken = new Uint8Array(textLength);
  const kept: BranchPoint[] = [];
  for (const point of found.sort((a, b) => b.confidence - a.confidence || a.start - b.start)) {
    if (taken.subarray(point.start, point.end).includes(1)) continue;
    taken.fill(1, point.start, point.end);
    kept.push(point);
  }
  return kept;
}

/** The span of a match without its surrounding whitespace. */
function trimmedSpan(matched: string, index: number): { start: number; end: number } {
  const leading = matched.length - matched.trimStart().length;
  const trailing = matched.length - matched.trimEnd().length;
  return { start: index + leading, end: index + matched.length - trailing };
}
