import type { Sequelize } from 'sequelize';
import { z } from 'zod/v4';
import { TOPIC_RETENTION_MS } from '@omniflow/contracts';
import { deleteExpiredBarrierRows } from './barrier';
import { durationSetting } from '../duration';
import type { Logger } from '../logger';
import { repeatEvery } from '../repeat';

/**
 * How long dedup rows are kept. A row must outlive every delivery of its command: Kafka can hand out a command
 * again while it is on its topic (TOPIC_RETENTION_MS, 7 days: a group whose offsets expired re-reads from the
 * start), and the orchestrator resends a command or compensation for as long as its saga waits for an answer.
 * 14 days covers the first twice over, and the second unless a participant stays down for two weeks.
 */
export const barrierCleanupConfig = {
  BARRIER_RETENTION: durationSetting('14d').refine(
    (ms) => ms > TOPIC_RETENTION_MS,
    `must be longer than the command topics' retention (${TOPIC_RETENTION_MS / 86_400_000}d), or Kafka could redeliver a command whose dedup row is gone`,
  ),
  BARRIER_CLEANUP_INTERVAL: durationSetting('1h'),
};

type BarrierCleanupConfig = z.infer<z.ZodObject<typeof barrierCleanupConfig>>;

/**
 * Runs the cleanup every BARRIER_CLEANUP_INTERVAL (and once at start). Every copy of a service runs it; deletes
 * by age are idempotent, so two copies at once only share the work. Returns what stops it.
 */
export function scheduleBarrierCleanup(sequelize: Sequelize, config: BarrierCleanupConfig, logger: Logger): () => Promise<void> {
  return repeatEvery(config.BARRIER_CLEANUP_INTERVAL, () =>
    deleteExpiredBarrierRows(sequelize, config.BARRIER_RETENTION).then(
      (deleted) => logger.info({ deleted, retentionMs: config.BARRIER_RETENTION }, 'expired dedup rows deleted'),
      // The next run retries; a failed cleanup only means rows stay a little longer.
      (err: unknown) => logger.warn({ err }, 'dedup cleanup failed'),
    ),
  );
}
