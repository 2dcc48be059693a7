import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ApiFailure, badRequest } from '../domain/errors.js';
import { componentSchemas, operations } from '../generated/spec.js';

export type Operation = (typeof operations)[number];
export type OperationId = Operation['operationId'];

const DOCUMENT_ID = 'chatroutes-requests';

interface CompiledOperation {
  body: ValidateFunction | undefined;
  query: ValidateFunction | undefined;
}

let compiled: Map<OperationId, CompiledOperation> | undefined;

/**
 * The request validators of every operation, compiled once per process from the spec's
 * own schemas (see src/generated/spec.ts). Bodies are validated as sent; query strings are
 * coerced to the declared types first, since every query value arrives as text.
 */
function validators(): Map<OperationId, CompiledOperation> {
  if (compiled) return compiled;
  const queries = Object.fromEntries(
    operations.map((operation) => [
      operation.operationId,
      {
        type: 'object',
        properties: Object.fromEntries(operation.query.map((param) => [param.name, param.schema])),
        required: operation.query.filter((param) => param.required).map((param) => param.name),
      },
    ]),
  );
  const document = { $id: DOCUMENT_ID, components: { schemas: componentSchemas }, queries };
  // Not strict: the spec carries OpenAPI-only keywords (`discriminator`, `deprecated`) that
  // are annotations for a validator.
  const bodies = new Ajv2020({ strict: false, allErrors: true });
  const params = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  for (const ajv of [bodies, params]) {
    addFormats(ajv);
    ajv.addSchema(document);
  }
  compiled = new Map(
    operations.map((operation) => [
      operation.operationId,
      {
        body: operation.body
          ? bodies.getSchema(`${DOCUMENT_ID}#/components/schemas/${operation.body}`)
          : undefined,
        query:
          operation.query.length > 0
            ? params.getSchema(`${DOCUMENT_ID}#/queries/${operation.operationId}`)
            : undefined,
      },
    ]),
  );
  return compiled;
}

/** Compiles every validator now, so that the first request does not pay for it. */
export function warmUpValidators(): void {
  validators();
}

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
  check(validators().get(operation.operationId)?.body, body, 'body');
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
  check(validators().get(operation.operationId)?.query, query, 'query');
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
