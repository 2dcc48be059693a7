import { expect } from 'vitest';

/** What `fixtures/node/scenario.mjs` returns, whichever runtime played it. */
export interface ScenarioResult {
  title: string;
  sentRole: string;
  sentContent: string;
  chunkTypes: string[];
  lastChunkType: string;
  streamedText: string;
  finalContent: string;
  lowLevelTitle: string;
  lowLevelMessageCount: number;
  missing: { isNotFoundError: boolean; status: number } | undefined;
}

/** The last line a fixture script printed, parsed. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}

export function expectScenarioPlayed(result: ScenarioResult): void {
  expect(result.title).toBe('compat');
  expect(result.sentRole).toBe('assistant');
  expect(result.sentContent.length).toBeGreaterThan(0);
  // Content deltas, then the one `complete` chunk that ends the stream.
  expect(result.chunkTypes).toEqual(['content', 'complete']);
  expect(result.lastChunkType).toBe('complete');
  expect(result.streamedText.length).toBeGreaterThan(0);
  expect(result.streamedText).toBe(result.finalContent);
  // The low-level client reads back what the SDK wrote: two turns, four messages.
  expect(result.lowLevelTitle).toBe('compat');
  expect(result.lowLevelMessageCount).toBe(4);
  expect(result.missing).toEqual({ isNotFoundError: true, status: 404 });
}
