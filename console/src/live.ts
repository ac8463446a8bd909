import type { OrderChange } from './orders';
import { sseParser } from './sse';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** How long to wait before reconnecting after the stream dropped. */
const RECONNECT_MS = 2_000;

/**
 * Follows /api/v1/admin/events (read with fetch, so the token travels in the Authorization header) and hands
 * every order change over; reconnects after a drop. A 401 or 403 ends it: the session is over. Returns what
 * stops it.
 */
export function followOrderChanges(
  token: string,
  onChange: (change: OrderChange) => void,
  onStatus: (status: LiveStatus) => void,
  onUnauthorized: () => void,
): () => void {
  const controller = new AbortController();
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/v1/admin/events', { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
        if (response.status === 401 || response.status === 403) return onUnauthorized();
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onStatus('live');
        const feed = sseParser((event) => {
          if (event.event === 'order') onChange(JSON.parse(event.data) as OrderChange);
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
      } catch {
        // Dropped or refused: try again below unless we were stopped.
      }
      if (controller.signal.aborted) return;
      onStatus('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  })();
  return () => controller.abort();
}

/** Many pages listen to one stream: a tiny publish/subscribe in front of it. */
export class OrderChanges {
  private readonly listeners = new Set<(change: OrderChange) => void>();

  listen(listener: (change: OrderChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: OrderChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
