import { MODELS } from 'chatroutes';
import { describe, expect, test } from 'vitest';
import { modelsTable } from '../src/models-table.js';

describe('the models table', () => {
  test('replaces the marker with one row per model of MODELS', () => {
    const page = modelsTable.fill(`# Models\n\n${modelsTable.marker}\n\nAfter.`, MODELS);
    expect(page).not.toContain(modelsTable.marker);
    for (const [name, description] of Object.entries(MODELS)) {
      expect(page).toContain(`| \`${name}\` | ${description} |`);
    }
    expect(page.endsWith('After.')).toBe(true);
  });
});
