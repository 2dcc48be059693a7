import { badRequest } from './errors.js';
import { isKnownModel, type KnownModel } from './models.js';

/** The model a request asks for, or `fallback`; an unknown name is the service's 400. */
export function resolveModelName(requested: string | undefined, fallback: KnownModel): KnownModel {
  if (requested === undefined) return fallback;
  if (!isKnownModel(requested)) throw badRequest(`Unsupported model: ${requested}`);
  return requested;
}
