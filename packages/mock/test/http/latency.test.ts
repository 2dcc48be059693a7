import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockApp } from '../../src/index.js';

const health = (mock: ReturnType<typeof createMockApp>) =>
  mock.fetch('https://api.chatroutes.com/api/v1/autobranch/health', {
    headers: { authorization: 'ApiKey k' },
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('simulated latency', () => {
  it('holds each answer for the configured time', async () => {
    vi.useFakeTimers();
    const mock = createMockApp({ latency: 1000 });
    let settled = false;
    const answer = health(mock).then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answer).status).toBe(200);
  });

  it('draws a delay within { min, max } from the seed', async () => {
    const delays = async (seed: number) => {
      vi.useFakeTimers();
      const mock = createMockApp({ latency: { min: 100, max: 200 }, seed });
      const result: number[] = [];
      for (let index = 0; index < 5; index++) {
        let waited = 0;
        let done = false;
        const answer = health(mock).then(() => {
          done = true;
        });
        while (!done) {
          await vi.advanceTimersByTimeAsync(1);
          waited += 1;
        }
        await answer;
        result.push(waited);
      }
      vi.useRealTimers();
      return result;
    };
    const first = await delays(3);
    for (const delay of first) expect(delay >= 100 && delay <= 201).toBe(true);
    expect(await delays(3)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('refuses a range whose max is below its min', () => {
    expect(() => createMockApp({ latency: { min: 10, max: 5 } })).toThrow(RangeError);
  });
});
