/**
 * Compiles the mock's request validators ahead of time with Ajv's standalone mode, so the
 * published package never generates code at run time (`new Function` is forbidden in
 * workerd and under strict CSP). The generated modules import nothing: the one Ajv runtime
 * helper the code uses is written out beside it, and any other helper fails the build.
 */
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const DOCUMENT_ID = 'chatroutes-requests';

interface QueryParameter {
  name: string;
  required: boolean;
  schema: unknown;
}

export interface ValidatedOperation {
  operationId: string;
  body: string | null;
  query: readonly QueryParameter[];
}

/** Ajv runtime helpers the generated code may call, as dependency-free JavaScript. */
const RUNTIME_HELPERS: Record<string, { name: string; source: string }> = {
  'require("ajv/dist/runtime/ucs2length").default': {
    name: 'ucs2length',
    source: [
      '// String length in Unicode code points, as JSON Schema counts it (a surrogate pair is one).',
      'function ucs2length(text) {',
      '  let length = 0;',
      '  for (const _ of text) length++;',
      '  return length;',
      '}',
    ].join('\n'),
  },
};

// The options the validators had when Ajv compiled them at run time: the same options
// give the same code, so the same error objects (the mock's tests assert their wording).
// Not strict: the spec carries OpenAPI-only keywords (`discriminator`, `deprecated`).
const BODY_OPTIONS: Options = { strict: false, allErrors: true };
// Query values arrive as text: coerce them to the declared types before validating.
const QUERY_OPTIONS: Options = { ...BODY_OPTIONS, coerceTypes: true };

function compile(
  options: Options,
  document: object,
  refs: Record<string, string>,
): { js: string; dts: string } {
  const ajv = new Ajv2020({ ...options, code: { source: true, esm: true, lines: true } });
  addFormats(ajv);
  ajv.addSchema(document);
  const helpers = new Set<string>();
  const code = standaloneCode(ajv, refs).replace(/require\("[^"]+"\)(\.\w+)?/g, (call) => {
    const helper = RUNTIME_HELPERS[call];
    if (!helper) {
      throw new Error(
        `The validators need the Ajv runtime helper ${call}: add a dependency-free copy to RUNTIME_HELPERS`,
      );
    }
    helpers.add(helper.source);
    return helper.name;
  });
  if (/\b(require|eval)\s*\(|new Function/.test(code)) {
    throw new Error('The standalone validators still load or generate code at run time');
  }
  const names = Object.keys(refs);
  return {
    js: `${code}\n${[...helpers].join('\n')}\n`,
    dts: [
      "import type { ValidateFunction } from 'ajv';",
      '',
      ...names.map((name) => `export declare const ${name}: ValidateFunction;`),
      '',
    ].join('\n'),
  };
}

/**
 * Standalone validators for the operations' request bodies (keyed by schema name) and
 * query strings (keyed by operationId). Returns the sources of `<kind>-validators.js` and
 * their declarations.
 */
export function standaloneValidators(
  componentSchemas: Record<string, unknown>,
  operations: readonly ValidatedOperation[],
): Record<'body' | 'query', { js: string; dts: string }> {
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
  // Keyed by schema name, not operation: Ajv's standalone code declares a function twice
  // when two exports share one schema (sendMessage and streamMessage do).
  const bodySchemas = new Set(operations.flatMap((operation) => operation.body ?? []));
  const bodyRefs = Object.fromEntries(
    [...bodySchemas].map((name) => [name, `${DOCUMENT_ID}#/components/schemas/${name}`]),
  );
  const queryRefs = Object.fromEntries(
    operations.flatMap((operation) =>
      operation.query.length > 0
        ? [[operation.operationId, `${DOCUMENT_ID}#/queries/${operation.operationId}`]]
        : [],
    ),
  );
  return {
    body: compile(BODY_OPTIONS, document, bodyRefs),
    query: compile(QUERY_OPTIONS, document, queryRefs),
  };
}

// The snapshot reader reports the first problem only, in the words of the schema that
// failed: `verbose` puts that schema (its `x-problem`) into each error.
const SNAPSHOT_OPTIONS: Options = { strict: false, allErrors: false, verbose: true };

/** The snapshot validator (export `validateSnapshot`), compiled from its schema (with `$id`). */
export function standaloneSnapshotValidator(schema: { $id: string }): { js: string; dts: string } {
  return compile(SNAPSHOT_OPTIONS, schema, { validateSnapshot: schema.$id });
}
