import { join } from 'node:path';
import { type Kit, kitDir, runtimesNamed } from './kits.js';

/**
 * The MSW versions `@chatroutes/mock/msw` is checked against here. MSW 2 runs in the mock's
 * own tests on Node 20 (and in Chromium's service worker); MSW 3 declares Node 22.12 or newer,
 * so it runs on the matrix's Node 22 and 24.
 */
export const MSW_KITS: readonly Kit[] = [
  {
    name: 'msw 3',
    mainPackage: 'msw',
    packages: ['msw'],
    manifestDir: kitDir('msw3'),
    cacheName: 'chatroutes-compat-kit-msw3',
    scenario: join('msw', 'scenario.mjs'),
    runtimes: runtimesNamed('Node 22', 'Node 24'),
  },
];

/** The columns: what `fixtures/msw/scenario.mjs` checks, in order. */
export const MSW_CHECKS = [
  'serves the base URL',
  'stream in pieces',
  'abandoned: nothing stored',
  'reset: a network error',
  'other requests pass',
] as const;
