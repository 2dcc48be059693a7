import { loadSpec } from '@chatroutes/openapi';
import { describe, expect, test } from 'vitest';
import { httpSearchText } from '../src/http-search-text.js';

describe('what search indexes for the HTTP reference', () => {
  const html = httpSearchText(loadSpec());

  test('a section per operation of the spec, at the anchor Redoc gives it', () => {
    const paths = loadSpec().paths as Record<string, Record<string, { operationId?: string }>>;
    const ids = Object.values(paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => operation.operationId ?? []),
    );
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) {
      expect(html).toContain(`id="operation/${id}"`);
      expect(html).toContain(`<a class="header-anchor" href="#operation/${id}"></a>`);
    }
    expect(html).toContain('<h3 id="operation/sendMessage">Send a message <a');
    expect(html).toMatch(
      /<p>POST \/conversations\/\{conversationId\}\/messages \(sendMessage\)\. /,
    );
  });

  test('operations grouped under their tag', () => {
    const messages = html.indexOf('id="tag/Messages"');
    expect(messages).toBeGreaterThan(html.indexOf('id="tag/Conversations"'));
    expect(html.indexOf('id="operation/sendMessage"')).toBeGreaterThan(messages);
  });
});
