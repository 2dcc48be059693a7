import type { ErrorObject, ValidateFunction } from 'ajv';
import { ApiFailure, badRequest } from '../domain/errors.js';
import * as bodyValidators from '../generated/body-validators.js';
import * as queryValidators from '../generated/query-validators.js';
import type { operations } from '../generated/spec.js';

export type Operation = (typeof operations)[number];
export type OperationId = Operation['operationId'];

/*
 * The request validators of every operation, compiled from the spec's own schemas by
 * `pnpm gen` (see scripts/standalone-validators.ts), bodies keyed by schema name and queries
 * by operationId: nothing is
 * compiled at run time, so the mock runs where code generation is forbidden. Bodies are
 * validated as sent; query strings are coerced to the declared types first, since every
 * query value arrives as text.
 */
const bodies: Partial<Record<string, ValidateFunction>> = bodyValidators;
const queries: Partial<Record<string, ValidateFunction>> = queryValidators;

/** Parses and validates a request body; throws the service's 400 when it does not conform. */
export function validateBody(operation: Operation, text: string): unknown {
  if (!operation.body) return undefined;
  if (text.trim() === '') {
    if (operation.bodyRequired) throw badRequest('Request body is required');
    return {};
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
  check(bodies[operation.body], body, 'body');
  return body;
}

/** Validates (and coerces in place) the query parameters an operation declares. */
export function validateQuery(
  operation: Operation,
  search: URLSearchParams,
): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const param of operation.query) {
    const value = search.get(param.name);
    if (value !== null) query[param.name] = value;
  }
  check(queries[operation.operationId], query, 'query');
  return query;
}

function check(validate: ValidateFunction | undefined, value: unknown, where: string): void {
  if (!validate || validate(value)) return;
  const errors = validate.errors ?? [];
  const model = errors.find(isModelNameError);
  if (model) throw badRequest(`Unsupported model: ${String(valueAt(value, model.instancePath))}`);
  const details = errors.map((error) => ({
    field: fieldOf(error, where),
    message: error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid'),
  }));
  const first = details[0];
  throw new ApiFailure(
    400,
    'Validation failed',
    first ? `${first.field} ${first.message}` : `Invalid request ${where}`,
    details,
  );
}

/** A model name outside the ModelName enum: the service's own wording applies. */
function isModelNameError(error: ErrorObject): boolean {
  return error.keyword === 'enum' && error.schemaPath.includes('/ModelName/');
}

function valueAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

function fieldOf(error: ErrorObject, where: string): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  const missing =
    error.keyword === 'required' ? String(error.params.missingProperty ?? '') : undefined;
  const field = [path, missing].filter(Boolean).join('.');
  return field === '' ? where : field;
}
