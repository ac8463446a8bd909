import type { Admin, Kafka } from 'kafkajs';

/** A reply-to topic that does not exist: typed as Kafka's own error, so the consumer treats it as permanent. */
export class MissingTopicError extends Error {
  readonly type = 'UNKNOWN_TOPIC_OR_PARTITION';
  constructor(topic: string) {
    super(`reply-to topic ${topic} does not exist`);
    this.name = 'MissingTopicError';
  }
}

/**
 * Checks a command's reply-to topic exists before the reply is sent to it. Sending to a missing topic would keep
 * kafkajs retrying its metadata for ~20 s per attempt, long enough for the consumer to miss its heartbeats, be
 * thrown out of its group, and see the same command again: a loop. A topic seen once is remembered (reply topics
 * are few and long-lived); an unknown name costs one metadata call.
 */
export class ReplyTopics {
  private readonly known = new Set<string>();
  private admin: Promise<Admin> | undefined;

  constructor(private readonly kafka: Kafka) {}

  async check(topic: string): Promise<void> {
    if (this.known.has(topic)) return;
    for (const name of await (await this.connected()).listTopics()) this.known.add(name);
    if (!this.known.has(topic)) throw new MissingTopicError(topic);
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await (await admin)?.disconnect();
  }

  private connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }
}
