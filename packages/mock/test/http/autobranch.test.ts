import { describe, expect, it } from 'vitest';
import { setup } from '../helpers.js';

const suggest = async (body: Record<string, unknown>) => {
  const { call } = setup();
  const answer = await call('suggestBranches', 'POST', '/autobranch/suggest-branches', { body });
  expect(answer.status).toBe(200);
  return answer.body.data;
};

describe('autobranch', () => {
  it('finds branch points with exact character offsets', async () => {
    const text =
      'Should I visit Porto or Lisbon first? And also, what should I pack? Is May too hot?';
    const { suggestions, metadata } = await suggest({ text, suggestionsCount: 10, threshold: 0 });
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    for (const suggestion of suggestions) {
      const { start, end } = suggestion.branchPoint;
      expect(text.slice(start, end)).toBe(suggestion.triggerText);
      expect(suggestion.id).toMatch(/^sug_\d+$/);
    }
    const triggers = suggestions.map((s: { triggerText: string }) => s.triggerText);
    expect(triggers).toContain('Is May too hot?');
    expect(metadata).toEqual({
      detectionMethod: 'pattern',
      totalBranchPointsFound: suggestions.length,
      modelUsed: null,
    });
  });

  it('orders by confidence, honours threshold and suggestionsCount', async () => {
    const text = '1. Flights\n2. Hotels\n3. Food\nShould I rent a car or take trains?';
    const all = await suggest({ text, suggestionsCount: 10, threshold: 0 });
    const confidences = all.suggestions.map((s: { confidence: number }) => s.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));

    const capped = await suggest({ text, suggestionsCount: 2, threshold: 0 });
    expect(capped.suggestions).toHaveLength(2);
    expect(capped.metadata.totalBranchPointsFound).toBe(all.suggestions.length);

    const strict = await suggest({ text, threshold: 0.85, suggestionsCount: 10 });
    expect(strict.suggestions.every((s: { confidence: number }) => s.confidence >= 0.85)).toBe(
      true,
    );
    expect(strict.suggestions.length).toBeLessThan(all.suggestions.length);
  });

  it('switches detectionMethod with hybridDetection and reports the model used', async () => {
    const text = 'Do I book now? Or wait for a sale?';
    const pattern = await suggest({ text, threshold: 0 });
    const hybrid = await suggest({
      text,
      threshold: 0,
      hybridDetection: true,
      llmModel: 'claude-sonnet-4-5',
    });
    expect(hybrid.metadata).toMatchObject({
      detectionMethod: 'hybrid',
      modelUsed: 'claude-sonnet-4-5-20250929',
    });
    expect(hybrid.suggestions[0].confidence).toBeGreaterThan(pattern.suggestions[0].confidence);
  });

  it('finds nothing in a plain statement', async () => {
    const { suggestions, metadata } = await suggest({ text: 'The weather is nice today.' });
    expect(suggestions).toEqual([]);
    expect(metadata.totalBranchPointsFound).toBe(0);
  });

  it('validates the request with the spec', async () => {
    const { call } = setup();
    for (const body of [
      {},
      { text: '' },
      { text: 'x', suggestionsCount: 11 },
      { text: 'x', threshold: 2 },
    ]) {
      const refused = await call('suggestBranches', 'POST', '/autobranch/suggest-branches', {
        body,
      });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('caps the text at 50 000 characters, and answers a text at the cap', async () => {
    const { call } = setup();
    const over = await call('suggestBranches', 'POST', '/autobranch/suggest-branches', {
      body: { text: 'a'.repeat(50_001) },
    });
    expect(over.status).toBe(400);
    expect(over.body.details).toEqual([
      { field: 'text', message: expect.stringContaining('50000') },
    ]);
    // Letters without a break were the quadratic case: at the cap they answer at once.
    const atCap = await suggest({ text: `${'a'.repeat(49_990)} or maybe?` });
    expect(atCap.metadata.totalBranchPointsFound).toBeGreaterThan(0);
  });

  it('reports health', async () => {
    const { call } = setup();
    const health = await call('autobranchHealth', 'GET', '/autobranch/health');
    expect(health.body).toEqual({
      success: true,
      data: { status: 'healthy', version: '1.0.0', service: 'autobranch' },
    });
  });
});
