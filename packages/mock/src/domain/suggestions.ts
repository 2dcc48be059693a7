import type {
  BranchSuggestion,
  SuggestBranchesRequest,
  SuggestBranchesResponse,
} from '@chatroutes/fetch';
import { type BranchPoint, type BranchPointKind, detectBranchPoints } from './branch-points.js';
import { DEFAULT_MODEL, isKnownModel, resolveModelId } from './model-catalogue.js';

const DEFAULTS = { suggestionsCount: 3, threshold: 0.7 } as const;
// What the (simulated) LLM pass of hybrid detection adds to a pattern's confidence.
const HYBRID_BOOST = 0.05;

const DESCRIBE: Record<
  BranchPointKind,
  { title: string; reasoning: string; divergence: BranchSuggestion['estimatedDivergence'] }
> = {
  question: {
    title: 'Answer',
    reasoning: 'The text asks several distinct questions; each can be answered on its own branch.',
    divergence: 'medium',
  },
  enumeration: {
    title: 'Explore',
    reasoning: 'The text lists separate items; each can be explored on its own branch.',
    divergence: 'medium',
  },
  alternative: {
    title: 'Compare',
    reasoning: 'The text weighs alternatives; following each one leads somewhere different.',
    divergence: 'high',
  },
  addition: {
    title: 'Follow up',
    reasoning: '"And also" introduces a second, independent topic.',
    divergence: 'low',
  },
};

/**
 * AutoBranch: the branch points of a text, as suggestions, most confident first. Pattern
 * detection always; `hybridDetection` reports the `hybrid` method and raises the
 * confidence of what the patterns found, as if an LLM had confirmed it.
 */
export function suggestBranches(input: SuggestBranchesRequest): SuggestBranchesResponse {
  const hybrid = input.hybridDetection === true;
  const found = detectBranchPoints(input.text).map((point) =>
    hybrid
      ? { ...point, confidence: Math.min(0.99, round(point.confidence + HYBRID_BOOST)) }
      : point,
  );
  const threshold = input.threshold ?? DEFAULTS.threshold;
  const chosen = found
    .filter((point) => point.confidence >= threshold)
    .sort((a, b) => b.confidence - a.confidence || a.start - b.start)
    .slice(0, input.suggestionsCount ?? DEFAULTS.suggestionsCount);

  return {
    suggestions: chosen.map((point, index) => toSuggestion(point, index)),
    metadata: {
      detectionMethod: hybrid ? 'hybrid' : 'pattern',
      totalBranchPointsFound: found.length,
      modelUsed: hybrid ? hybridModel(input.llmModel) : null,
    },
  };
}

function toSuggestion(point: BranchPoint, index: number): BranchSuggestion {
  const about = excerpt(point.triggerText);
  const { title, reasoning, divergence } = DESCRIBE[point.kind];
  return {
    id: `sug_${index + 1}`,
    title: `${title}: ${about}`,
    description: `Start a branch that focuses on "${about}".`,
    triggerText: point.triggerText,
    branchPoint: { start: point.start, end: point.end },
    confidence: point.confidence,
    reasoning,
    estimatedDivergence: divergence,
  };
}

function hybridModel(llmModel: string | undefined): string {
  if (llmModel === undefined) return resolveModelId(DEFAULT_MODEL);
  return isKnownModel(llmModel) ? resolveModelId(llmModel) : llmModel;
}

function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
