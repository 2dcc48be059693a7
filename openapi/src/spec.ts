import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Absolute path of the contract, for tools that take a file (Prism, openapi-typescript). */
export const specPath = fileURLToPath(new URL('../chatroutes.yaml', import.meta.url));

/** The HTTP methods an OpenAPI path item may hold, in the order the spec lists them. */
export const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof httpMethods)[number];

// biome-ignore lint/suspicious/noExplicitAny: the parsed document is walked generically by tests.
export type OpenApiDocument = Record<string, any>;

/** The contract, parsed. Each call returns a fresh object, so callers may mutate it. */
export function loadSpec(): OpenApiDocument {
  return parse(readFileSync(specPath, 'utf8'));
}
