import { proxyActivities } from '@temporalio/workflow';
import type { CommandActivities } from './steps';

/**
 * Command activities with the order's reply timeout. No attempt limit: a participant that is down is waited
 * for, not given up on (its commands wait in Kafka), and compensations are retried until they succeed.
 */
export function commandActivities(replyTimeoutMs: number): CommandActivities {
  return proxyActivities<CommandActivities>({
    // A reply normally comes back in milliseconds. Past this the command is sent again (same idempotency key).
    startToCloseTimeout: replyTimeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });
}
