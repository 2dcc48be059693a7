export type { Fault, FaultKind, FaultRateOptions } from './domain/faults.js';
export { FAULT_KINDS } from './domain/faults.js';
export { API_BASE_PATH } from './http/app.js';
export { createMockApp, type MockApp } from './mock-app.js';
export type { MockOptions, MockServerOptions } from './options.js';
export { createMockServer, type MockServer } from './server.js';
