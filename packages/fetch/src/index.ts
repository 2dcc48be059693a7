export { type ChatRoutesFetchClient, type ClientOptions, createClient } from './client.js';
export * from './contract.js';
