import { describe, expect, it } from 'vitest';
import { createMockApp, FAULT_KINDS, type FaultKind, MockOptionError } from '../src/index.js';
import { createMockServer } from '../src/node.js';

const refusal = (build: () => unknown): MockOptionError => {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(MockOptionError);
    return error as MockOptionError;
  }
  throw new Error('the options were accepted');
};

describe('options are checked when the mock is built', () => {
  it('refuses an unknown fault kind, naming it and the valid ones', async () => {
    const kinds = ['429', 'bogus'] as unknown as FaultKind[];
    const error = refusal(() => createMockApp({ faults: { rate: 0.5, kinds } }));
    expect(error.option).toBe('faults.kinds');
    expect(error.message).toContain('"bogus"');
    for (const kind of FAULT_KINDS) expect(error.message).toContain(kind);
    expect(error).toBeInstanceOf(RangeError);

    await expect(createMockServer({ faults: { rate: 0.5, kinds } })).rejects.toBeInstanceOf(
      MockOptionError,
    );
  });

  it('refuses values it cannot honour, naming the option', async () => {
    const cases: [string, Parameters<typeof createMockApp>[0]][] = [
      ['faults.rate', { faults: { rate: 2 } }],
      ['faults.rate', { faults: { rate: Number.NaN } }],
      ['faults.kinds', { faults: { rate: 0.1, kinds: [] } }],
      ['faults.retryAfterSeconds', { faults: { rate: 0.1, retryAfterSeconds: -1 } }],
      ['latency', { latency: -5 }],
      ['latency.max', { latency: { min: 10, max: 5 } }],
      ['streamDelayMs', { streamDelayMs: 2 ** 31 }],
      ['streamDelayMs', { streamDelayMs: Number.POSITIVE_INFINITY }],
      ['seed', { seed: Number.NaN }],
      ['contextWindowTokens', { contextWindowTokens: 0 }],
      ['maxBodyBytes', { maxBodyBytes: 1.5 }],
      ['idempotency.maxKeys', { idempotency: { maxKeys: 0 } }],
      ['idempotency.maxBytes', { idempotency: { maxBytes: -1 } }],
      ['apiKeys', { apiKeys: ['has space'] }],
      ['apiKeys', { apiKeys: [''] }],
    ];
    for (const [option, options] of cases) {
      expect(refusal(() => createMockApp(options)).option, option).toBe(option);
    }
    await expect(createMockServer({ port: 70_000 })).rejects.toMatchObject({ option: 'port' });
  });
});
