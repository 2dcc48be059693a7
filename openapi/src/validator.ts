import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { httpMethods, loadSpec, type OpenApiDocument } from './spec.js';

export interface SpecValidator {
  /**
   * Checks a response body against the schema the spec declares for that operation and
   * status. Returns the problems found; an empty array means the body is valid.
   */
  validateResponse(operationId: string, status: number, body: unknown): string[];
  /** Checks a value against a named component schema (`Message`, `StreamChunk`, …). */
  validateSchema(name: string, value: unknown): string[];
}

const specId = 'chatroutes';

/** JSON Schema validation of wire data with the spec's own schemas (JSON Schema 2020-12). */
export function createSpecValidator(spec: OpenApiDocument = loadSpec()): SpecValidator {
  // Not strict: the document carries OpenAPI keywords (`example`, `discriminator`…) that are
  // annotations here, and the whole document is registered so that `$ref`s resolve in place.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...spec, $id: specId });

  const operations = indexOperations(spec);

  const check = (pointer: string, value: unknown) => {
    const validate = ajv.getSchema(`${specId}#${pointer}`);
    if (!validate) return [`no schema at ${pointer}`];
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  };

  return {
    validateResponse(operationId, status, body) {
      const operation = operations.get(operationId);
      if (!operation) return [`unknown operationId ${operationId}`];
      const response = operation.node.responses?.[String(status)];
      if (!response) return [`${operationId} declares no ${status} response`];
      const pointer = response.$ref
        ? String(response.$ref).slice(1)
        : `${operation.pointer}/responses/${status}`;
      return check(`${pointer}/content/application~1json/schema`, body);
    },
    validateSchema(name, value) {
      return check(`/components/schemas/${name}`, value);
    },
  };
}

function indexOperations(spec: OpenApiDocument) {
  const operations = new Map<string, { pointer: string; node: OpenApiDocument }>();
  for (const [path, item] of Object.entries<OpenApiDocument>(spec.paths)) {
    for (const method of httpMethods) {
      const node = item[method];
      if (node)
        operations.set(node.operationId, {
          pointer: `/paths/${escapePointer(path)}/${method}`,
          node,
        });
    }
  }
  return operations;
}

const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
const describe = (error: ErrorObject) => `${error.instancePath || '(root)'} ${error.message}`;
