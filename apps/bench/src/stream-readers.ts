import { MessageStream } from 'chatroutes';
import { createParser } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { Stream } from 'openai/core/streaming';

/**
 * Each contender turns a `text/event-stream` Response into one parsed JSON object per event
 * (what a caller iterates) and resolves how many it produced; `[DONE]` is not an object.
 * `onObject` lets the memory suite look at the heap while the stream is being read.
 */
export type StreamReader = (
  response: Response,
  onObject?: (count: number) => void,
) => Promise<number>;

export const READERS = {
  chatroutes: 'chatroutes MessageStream',
  eventsourceParser: 'eventsource-parser 3.1.1 callbacks + JSON.parse',
  eventsourceParserStream: 'eventsource-parser 3.1.1 stream + JSON.parse',
  openai: 'openai 6.49.0 Stream',
  parseFloor: 'parse floor: decode + one scan + JSON.parse',
} as const;

const DONE = '[DONE]';

export const streamReaders: Record<string, StreamReader> = {
  // Our public stream reader (SSE parsing, chunk typing, idle timeout, the reply's text).
  [READERS.chatroutes]: async (response, onObject) => {
    let objects = 0;
    for await (const _ of MessageStream.fromHttp(async () => response)) {
      objects++;
      onObject?.(objects);
    }
    return objects;
  },
  // The callback parser most SSE clients build on, fed by a streaming UTF-8 decoder: the
  // parsing alone, without a stream to iterate (a lower bound for any reader).
  [READERS.eventsourceParser]: async (response, onObject) => {
    let objects = 0;
    const parser = createParser({
      onEvent: ({ data }) => {
        if (data === DONE) return;
        JSON.parse(data);
        objects++;
        onObject?.(objects);
      },
    });
    const decoder = new TextDecoder();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    return objects;
  },
  // The least any reader must do: decode the bytes, find each event's end with one scan, and
  // parse its JSON. No SSE rules beyond a single `data: ` line per event (what the benchmark's
  // reply holds), no chunk typing, no stream to iterate: the floor, not a usable reader.
  [READERS.parseFloor]: async (response, onObject) => {
    let objects = 0;
    let pending = '';
    const decoder = new TextDecoder();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return objects;
      pending += decoder.decode(value, { stream: true });
      let start = 0;
      for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n', start)) {
        const data = pending.slice(start + 'data: '.length, end);
        start = end + 2;
        if (data === DONE) continue;
        JSON.parse(data);
        objects++;
        onObject?.(objects);
      }
      pending = pending.slice(start);
    }
  },
  // The same parser as a stream to iterate, as its README shows for a fetch Response.
  [READERS.eventsourceParserStream]: async (response, onObject) => {
    let objects = 0;
    const events = (response.body as ReadableStream<Uint8Array>)
      // DOM's typing of TextDecoderStream takes any BufferSource; it is fed Uint8Arrays here.
      .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
      .pipeThrough(new EventSourceParserStream())
      .getReader();
    for (;;) {
      const { done, value } = await events.read();
      if (done) return objects;
      if (value.data === DONE) continue;
      JSON.parse(value.data);
      objects++;
      onObject?.(objects);
    }
  },
  // openai-node's own stream reader (its SSE decoder and JSON parse of every event).
  [READERS.openai]: async (response, onObject) => {
    let objects = 0;
    for await (const _ of Stream.fromSSEResponse(response, new AbortController())) {
      objects++;
      onObject?.(objects);
    }
    return objects;
  },
};
