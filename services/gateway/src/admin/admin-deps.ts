import type { OrderChanged, StockLevel } from '@omniflow/contracts';
import type { ReadableMessage, TopicSummary } from '@omniflow/lib';

/** Kafka as the console looks at it; main.ts wires lib's topic inspection, unit tests a fake. */
export interface TopicInspector {
  /** The topics OmniFlow uses (with this stack's prefix): the only ones the API shows. */
  readonly topics: readonly string[];
  describe(): Promise<TopicSummary[]>;
  /** From the start of the topic, at most `limit`, only `orderId`'s when given. */
  messages(topic: string, filter: { orderId: string | null; limit: number }): Promise<ReadableMessage[]>;
  /** Undefined when there is no message at that position (past the end, or already deleted). */
  message(topic: string, partition: number, offset: string): Promise<ReadableMessage | undefined>;
}

/** Stock as the inventory service reports it (the gateway never reads inventory's database). */
export interface StockSource {
  levels(sku: string | null): Promise<StockLevel[]>;
}

/** Order changes as they happen; `subscribe` returns what unsubscribes. `onEnd`: the feed stopped (shutdown). */
export interface OrderFeed {
  subscribe(onChange: (change: OrderChanged) => void, onEnd: () => void): () => void;
}

export interface AdminDeps {
  topics: TopicInspector;
  stock: StockSource;
  feed: OrderFeed;
  /** What the console needs to know about its surroundings. */
  console: { temporalUiUrl: string | null; temporalNamespace: string };
  authSecret: string;
}
