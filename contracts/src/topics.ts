/**
 * Kafka topic names. Every participant consumes its own command topic and replies on the topic named in the
 * command's `reply-to` header, so a participant never needs to know who asked (FTGO's rule: participants know
 * nothing of the orchestrator).
 */
export const SERVICES = ['inventory', 'payment', 'shipping'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * How long a command or reply stays on its topic (Kafka's own default, set explicitly because the dedup rows'
 * retention is derived from it: a barrier row must outlive every copy of its command that Kafka can still
 * deliver, and a group whose offsets expired re-reads its topic from the start).
 */
export const TOPIC_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function commandTopic(service: ServiceName, prefix = ''): string {
  return `${prefix}${service}.commands`;
}

export function replyTopic(service: ServiceName, prefix = ''): string {
  return `${prefix}${service}.replies`;
}

/**
 * Where a consumer puts a message it cannot process: one it cannot decode (unknown type, foreign schema, bad
 * Avro, missing headers) or one that keeps failing for a reason of its own (e.g. its reply-to topic does not
 * exist). The original bytes and headers, plus the reason and where it was read from, so nothing is silently lost.
 */
export function deadLetterTopic(prefix = ''): string {
  return `${prefix}dead-letters`;
}

/** Each order's status changes (OrderChanged), keyed by order id, for whoever watches orders live. */
export function orderEventsTopic(prefix = ''): string {
  return `${prefix}order-events`;
}

/**
 * Each SKU's latest StockAvailability, keyed by SKU. Compacted, with no time retention: Kafka keeps at least the
 * last message of every key for good, so a gateway reading it from the start learns every SKU's latest value.
 */
export function availabilityTopic(prefix = ''): string {
  return `${prefix}inventory.availability`;
}

/** Topics that keep the latest message per key instead of every message for a time (see availabilityTopic). */
export function compactedTopics(prefix = ''): string[] {
  return [availabilityTopic(prefix)];
}

export function allTopics(prefix = ''): string[] {
  return [
    ...SERVICES.flatMap((service) => [commandTopic(service, prefix), replyTopic(service, prefix)]),
    deadLetterTopic(prefix),
    orderEventsTopic(prefix),
    ...compactedTopics(prefix),
  ];
}
