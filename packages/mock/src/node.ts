/*
 * The Node entry, `@chatroutes/mock/node`: the mock on a real HTTP port. Everything that
 * needs Node (sockets, `node:*` modules, the Node adapter of Hono) is reached only from here.
 */
export type { MockServerOptions } from './options.js';
export { createMockServer, type MockServer } from './server.js';
