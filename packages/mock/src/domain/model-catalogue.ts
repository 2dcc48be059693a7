/**
 * What the mock knows about each model name the API accepts: the provider id the service
 * reports for it, and a price used for `metadata.cost`. The names themselves come from the
 * spec's ModelName enum; `satisfies` below fails to compile if the two drift apart.
 */
import type { MODELS } from '@chatroutes/fetch';
import { badRequest } from './errors.js';

/**
 * The spec's model names, closed. `ModelName` itself is open (`… | (string & {})`, so that
 * clients can name a model newer than their types), which would let the catalogue list a
 * name the spec does not have; the generated `MODELS` is keyed by exactly the enum.
 */
type SpecModelName = keyof typeof MODELS;

interface ModelFacts {
  resolvedId: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

const MODEL_CATALOGUE = {
  'gpt-5': { resolvedId: 'gpt-5-2025-08-07', inputPerMillion: 1.25, outputPerMillion: 10 },
  'claude-opus-4-1': {
    resolvedId: 'claude-opus-4-1-20250805',
    inputPerMillion: 15,
    outputPerMillion: 75,
  },
  'claude-opus-4': {
    resolvedId: 'claude-opus-4-20250514',
    inputPerMillion: 15,
    outputPerMillion: 75,
  },
  'claude-opus-4-0': {
    resolvedId: 'claude-opus-4-20250514',
    inputPerMillion: 15,
    outputPerMillion: 75,
  },
  'claude-sonnet-4-5': {
    resolvedId: 'claude-sonnet-4-5-20250929',
    inputPerMillion: 3,
    outputPerMillion: 15,
  },
  'claude-sonnet-4-0': {
    resolvedId: 'claude-sonnet-4-20250514',
    inputPerMillion: 3,
    outputPerMillion: 15,
  },
  'claude-3-7-sonnet-latest': {
    resolvedId: 'claude-3-7-sonnet-20250219',
    inputPerMillion: 3,
    outputPerMillion: 15,
  },
  'claude-3-5-haiku-latest': {
    resolvedId: 'claude-3-5-haiku-20241022',
    inputPerMillion: 0.8,
    outputPerMillion: 4,
  },
} as const satisfies Record<SpecModelName, ModelFacts>;

export type KnownModel = keyof typeof MODEL_CATALOGUE;

export const DEFAULT_MODEL: KnownModel = 'gpt-5';

/** Every model name the mock answers with. */
export const KNOWN_MODELS = Object.keys(MODEL_CATALOGUE) as KnownModel[];

export function isKnownModel(name: string): name is KnownModel {
  return Object.hasOwn(MODEL_CATALOGUE, name);
}

export function resolveModelId(model: KnownModel): string {
  return MODEL_CATALOGUE[model].resolvedId;
}

/** Cost in US dollars, rounded to a millionth so that figures stay readable. */
export function estimateCost(model: KnownModel, promptTokens: number, completionTokens: number) {
  const { inputPerMillion, outputPerMillion } = MODEL_CATALOGUE[model];
  const dollars = (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1e6;
  return Math.round(dollars * 1e6) / 1e6;
}

/** The model a request asks for, or `fallback`; an unknown name is the service's 400. */
export function resolveModelName(requested: string | undefined, fallback: KnownModel): KnownModel {
  if (requested === undefined) return fallback;
  if (!isKnownModel(requested)) throw badRequest(`Unsupported model: ${requested}`);
  return requested;
}
