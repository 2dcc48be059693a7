export { freePort } from './free-port.js';
export {
  type GuardedProcess,
  type GuardedProcessOptions,
  spawnGuarded,
} from './guarded-process.js';
export { answers, eventually, isRunning } from './liveness.js';
export { type PrismOptions, type PrismServer, startPrism } from './prism.js';
export { type HttpMethod, httpMethods, loadSpec, type OpenApiDocument, specPath } from './spec.js';
export { createSpecValidator, type SpecValidator } from './validator.js';
