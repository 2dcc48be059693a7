import { describe, expect, it } from 'vitest';
import { call, event, streamingRelay } from './harness.js';

describe('streams through the relay', () => {
  it('reach the browser as they arrive, not when the upstream has finished', async () => {
    const { relay, upstream, ownership } = await streamingRelay();
    const response = await call(relay, 'alice', 'POST', '/conversations/conv_1/messages/stream', {
      content: 'Hi',
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    upstream.write(event({ type: 'content', content: 'Hel' }));
    expect(decoder.decode((await reader.read()).value)).toContain('"Hel"');
    const reply = { id: 'msg_reply', conversationId: 'conv_1', parentMessageId: 'msg_question' };
    upstream.write(event({ type: 'complete', message: reply }));
    expect(decoder.decode((await reader.read()).value)).toContain('complete');
    // Learned before the browser had the reply: it may edit it at once.
    expect(await ownership.locate('msg_reply')).toBe('conv_1');
    expect(await ownership.locate('msg_question')).toBe('conv_1');
    await reader.cancel();
  });

  it('cancel the upstream request when the browser goes away', async () => {
    const { relay, upstream } = await streamingRelay();
    const browser = new AbortController();
    const response = await relay(
      new Request('http://app.test/api/chatroutes/conversations/conv_1/messages/stream', {
        method: 'POST',
        headers: { cookie: 'session=alice', 'content-type': 'application/json' },
        body: '{"content":"Hi"}',
        signal: browser.signal,
      }),
    );
    upstream.write(event({ type: 'content', content: 'Hel' }));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    browser.abort();
    expect(upstream.signal()?.aborted).toBe(true);
    await reader.cancel();
    await upstream.cancelled;
  });
});
