import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as bodyValidators from '../../src/generated/body-validators.js';
import * as queryValidators from '../../src/generated/query-validators.js';
import { componentSchemas, operations } from '../../src/generated/spec.js';

/**
 * The precompiled validators must refuse exactly what Ajv compiling the same schemas at run
 * time refuses, with the same error objects: the mock's 400 messages are built from them.
 */
const DOCUMENT_ID = 'reference';
const queryDocuments = Object.fromEntries(
  operations.map((operation) => [
    operation.operationId,
    {
      type: 'object',
      properties: Object.fromEntries(operation.query.map((param) => [param.name, param.schema])),
      required: operation.query.filter((param) => param.required).map((param) => param.name),
    },
  ]),
);
function referenceAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
  addFormats(ajv);
  ajv.addSchema({
    $id: DOCUMENT_ID,
    components: { schemas: componentSchemas },
    queries: queryDocuments,
  });
  return ajv;
}
const bodyReference = referenceAjv(false);
const queryReference = referenceAjv(true);

const precompiledBodies: Record<string, ValidateFunction> = bodyValidators;
const precompiledQueries: Record<string, ValidateFunction> = queryValidators;

// Wrong types, empty strings, out-of-range numbers, unknown enum values, astral characters
// (lengths count code points), and values that only pass after coercion.
const BODIES: unknown[] = [
  null,
  [],
  'text',
  {},
  { content: '' },
  { content: '😀' },
  { content: 'x', temperature: 3 },
  { content: 'x', maxTokens: '5' },
  { content: 'x', model: 'gpt-4' },
  { title: '', model: 'claude-opus-4-1' },
  { title: 7 },
  { text: '', suggestionsCount: 0, threshold: 2 },
  { text: 'a', hybridDetection: 'yes', llmProvider: 'nobody' },
  { anchorMessageId: 1, branchId: null },
  { title: 'b', contextMode: 'SOMETIMES', baseMessageId: 'msg_1' },
  // At each length limit of the spec, in astral characters: valid when lengths count code
  // points, as JSON Schema says, invalid when they count UTF-16 units.
  ...lengthLimits(componentSchemas).map((limit) => {
    const text = '😀'.repeat(limit);
    return { content: text, title: text, text };
  }),
];
const QUERIES: Record<string, string>[] = [
  {},
  { page: '0' },
  { page: '2', limit: '100' },
  { limit: '101', filter: 'nonsense' },
  { limit: 'abc' },
  { branchId: '' },
  { branchId: 'br_1', page: '1.5' },
];

function lengthLimits(node: unknown): number[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'minLength' || key === 'maxLength') && typeof value === 'number'
      ? [value]
      : lengthLimits(value),
  );
}

function outcome(validate: ValidateFunction | undefined, value: unknown) {
  if (!validate) throw new Error('no validator');
  const copy = structuredClone(value);
  const valid = validate(copy);
  return { valid, errors: validate.errors ?? null, coerced: copy };
}

describe('the precompiled request validators', () => {
  it('cover every body schema and every operation with query parameters', () => {
    const bodies = new Set(operations.flatMap((operation) => operation.body ?? []));
    expect(Object.keys(precompiledBodies).sort()).toEqual([...bodies].sort());
    const withQuery = operations.filter((operation) => operation.query.length > 0);
    expect(Object.keys(precompiledQueries).sort()).toEqual(
      withQuery.map((operation) => operation.operationId).sort(),
    );
  });

  it.each([...new Set(operations.flatMap((operation) => operation.body ?? []))])(
    'body %s: the same verdicts and errors as Ajv at run time',
    (schema) => {
      const reference = bodyReference.getSchema(`${DOCUMENT_ID}#/components/schemas/${schema}`);
      for (const body of BODIES) {
        expect(outcome(precompiledBodies[schema], body), JSON.stringify(body)).toEqual(
          outcome(reference, body),
        );
      }
    },
  );

  it.each(Object.keys(queryDocuments).filter((id) => id in precompiledQueries))(
    'query of %s: the same verdicts, errors and coercions as Ajv at run time',
    (operationId) => {
      const reference = queryReference.getSchema(`${DOCUMENT_ID}#/queries/${operationId}`);
      for (const query of QUERIES) {
        expect(outcome(precompiledQueries[operationId], query), JSON.stringify(query)).toEqual(
          outcome(reference, query),
        );
      }
    },
  );
});
