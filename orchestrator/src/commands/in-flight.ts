import { performance } from 'node:perf_hooks';

export interface SentCommand {
  topic: string;
  command: string;
}

/**
 * Commands this orchestrator sent and has not yet seen answered, by message id, so the reply consumer can time
 * send → reply (a reply names its command in `causation-id`). Bounded: a command whose reply never comes (lost,
 * or consumed by another orchestrator instance) is forgotten once `capacity` newer ones were sent.
 */
export class InFlightCommands {
  private readonly sentAt = new Map<string, SentCommand & { at: number }>();

  constructor(private readonly capacity = 10_000) {}

  sent(messageId: string, command: SentCommand): void {
    this.sentAt.set(messageId, { ...command, at: performance.now() });
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.sentAt.size > this.capacity) this.sentAt.delete(this.sentAt.keys().next().value!);
  }

  /** The command a reply answers and the seconds since it was sent; undefined for one this instance never sent. */
  answered(messageId: string): (SentCommand & { seconds: number }) | undefined {
    const sent = this.sentAt.get(messageId);
    if (!sent) return undefined;
    this.sentAt.delete(messageId);
    return { topic: sent.topic, command: sent.command, seconds: (performance.now() - sent.at) / 1000 };
  }
}
