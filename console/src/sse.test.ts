import { expect, it } from 'vitest';
import { sseParser, type SseEvent } from './sse';

const parse = (chunks: string[]): SseEvent[] => {
  const events: SseEvent[] = [];
  const feed = sseParser((event) => events.push(event));
  chunks.forEach(feed);
  return events;
};

it('reads named events and skips comments and retry', () => {
  expect(parse(['retry: 2000\n: connected\n\n', 'event: order\ndata: {"a":1}\n\n', ': heartbeat\n\n'])).toEqual([{ event: 'order', data: '{"a":1}' }]);
});

it('puts together events split anywhere across chunks, and joins data lines', () => {
  const stream = 'event: order\ndata: {"a":\ndata: 2}\n\ndata: plain\r\n\r\n';
  const everyCharacter = [...stream];
  expect(parse(everyCharacter)).toEqual([
    { event: 'order', data: '{"a":\n2}' },
    { event: 'message', data: 'plain' },
  ]);
});

it('holds back an event until its blank line arrives', () => {
  expect(parse(['event: order\ndata: {}\n'])).toEqual([]);
});
