import { join } from 'node:path';
import { describeFailure, runCommand } from '../run-command.js';
import { SUPPORTED_COMPILERS } from '../typescript-compilers.js';
import { type Kit, type KitContext, kitDir, linkKit, runtimesNamed } from './kits.js';
import type { CheckResult } from './report.js';

const aiSdkKit = (major: 6 | 7, runtimes: string[]): Kit => ({
  name: `ai ${major}`,
  mainPackage: 'ai',
  // `ai`, and the provider types it depends on.
  packages: ['ai', '@ai-sdk/provider'],
  manifestDir: kitDir(`ai${major}`),
  cacheName: `chatroutes-compat-kit-ai${major}`,
  scenario: join('ai-sdk', 'scenario.mjs'),
  runtimes: runtimesNamed(...runtimes),
});

/** The AI SDK versions `@chatroutes/ai-sdk` is checked against, each where it runs. */
export const AI_SDK_KITS: readonly Kit[] = [
  // ai 6 runs on Node 20 (the package's own tests use it there too) and later.
  aiSdkKit(6, ['Node 20', 'Node 22']),
  // ai 7 declares Node 22 or newer.
  aiSdkKit(7, ['Node 22', 'Node 24']),
];

/** The columns: what `fixtures/ai-sdk/scenario.mjs` checks, in order. */
export const AI_SDK_CHECKS = [
  'chat: send',
  'chat: edit makes a branch',
  'chat: versions without a request',
  'chat: regenerate',
  'chat: error chunk',
  'chat: stored once after a drop',
  'streamText',
  'generateText on a branch',
  'warnings: tools and system',
] as const;

/**
 * Type-checks `fixtures/ai-sdk/types.ts` (the package's types in use: the transport as a
 * `ChatTransport`, the model as a `LanguageModel`, the typed metadata) against the kit's
 * declarations, with the workspace's TypeScript.
 */
export async function typeCheckKit(kit: Kit, context: KitContext): Promise<CheckResult> {
  linkKit(kit, context);
  const [, current] = SUPPORTED_COMPILERS;
  if (!current) throw new Error('no TypeScript to check with');
  const result = await runCommand(
    process.execPath,
    [current.script, '-p', join('ai-sdk', 'tsconfig.json')],
    { cwd: context.scratchDir, timeoutMs: 240_000 },
  );
  const passed = result.code === 0;
  return {
    name: 'types',
    status: passed ? 'pass' : 'fail',
    detail: passed ? '' : describeFailure(result),
  };
}
