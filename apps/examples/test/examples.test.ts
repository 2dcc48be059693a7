import { createMockServer, type MockServer } from '@chatroutes/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './support/run.js';

const apiKey = 'cr_test_examples';

describe('the examples, against the mock', () => {
  let mock: MockServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    // Only this key is accepted, so the wrong-key example meets a real 401.
    mock = await createMockServer({ port: 0, apiKeys: [apiKey], streamDelayMs: 1 });
    env = { CHATROUTES_API_KEY: apiKey, CHATROUTES_BASE_URL: mock.url };
  });
  afterAll(() => mock?.close());

  const expected: Record<string, RegExp[]> = {
    quickstart: [
      /^Created conversation conv_\w+: My first conversation$/m,
      /^Assistant \(gpt-5-2025-08-07\): \S/m,
      /^Tokens used: [1-9]\d*$/m,
      /holds 2 messages/,
    ],
    streaming: [
      /^Assistant: \S[^\n]*\n\(\d+ tokens, message msg_\w+\)$/m,
      /^Complete after [1-9]\d* chunks: \S/m,
    ],
    branching: [
      /^Forked Budget version \(br_\w+\) at msg_\w+$/m,
      /^3 branches: Main, Budget version, Fresh start$/m,
      /Budget version/,
      /\[main\]/,
    ],
    checkpoints: [
      /^Checkpoint cp_\w+: [1-9]\d* tokens$/m,
      /^Checkpoint used: true, context messages: \d+, prompt tokens: [1-9]\d*$/m,
      /^Recreated cp_\w+: now anchored at msg_\w+$/m,
      /^1 checkpoint\(s\)/m,
    ],
    autobranch: [
      /^AutoBranch is healthy/m,
      /branch points found by pattern detection/,
      /^- .+ \(\d+%\): "Python or JavaScript/m,
    ],
    // Through a relay on loopback: the headless AI SDK Chat with ChatRoutesTransport, then
    // streamText with the provider.
    'ai-sdk': [
      /^Relay listening at http:\/\/127\.0\.0\.1:\d+\/api\/chatroutes$/m,
      /^Created conversation conv_\w+ through the relay$/m,
      /^Reply msg_\w+: \S/m,
      /^Edited: version 2 of 2: Plan a weekend in Porto$/m,
      /^Switched back to "Plan a weekend in Lisbon" with 0 requests$/m,
      /^Regenerated: 2 versions of the reply$/m,
      /^3 branches on the server$/m,
      /^streamText stored msg_\w+ on br_\w+: \S/m,
      /^Bob reading it: NotFoundError$/m,
    ],
    'error-handling': [
      /^Getting a missing conversation: not found \(404\)/m,
      /^Sending with model gpt-4: invalid request: Unsupported model: gpt-4$/m,
      /^Calling with a wrong key: check your API key \(401\)$/m,
      /^Getting an empty id: .*conversationId/m,
    ],
  };

  it.each(Object.keys(expected))('%s runs and prints what it promises', async (name) => {
    const { code, stdout, stderr } = await runScript(name, env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const pattern of expected[name] ?? []) expect(stdout).toMatch(pattern);
  });
});

describe('pnpm demo', () => {
  it('starts its own mock, tours the SDK and exits 0', async () => {
    const { code, stdout, stderr } = await runScript('demo', {});
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/against the offline mock at http:\/\/127\.0\.0\.1:\d+\/api\/v1/);
    for (const step of [
      'Create a conversation',
      'Stream a reply',
      'Fork at the first reply',
      'Send on another branch',
      'Create a checkpoint',
      'reads the checkpoint',
      'AutoBranch',
      'The branch tree',
    ]) {
      expect(stdout).toContain(step);
    }
    expect(stdout).toMatch(/checkpoint used: true/);
    expect(stdout).toMatch(/token count: [1-9]\d*/);
    expect(stdout).toMatch(
      /└── Main \[main\] · \d+ messages\n\s+├── Rainy weekend · 2 messages\n\s+└── Budget weekend · 2 messages/,
    );
    expect(stdout).toMatch(/^Done\. /m);
  });
});
