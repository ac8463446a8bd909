import { performance } from 'node:perf_hooks';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { SagaOp } from '@omniflow/contracts';
import { LATENCY_BUCKETS } from '../metrics';
import { deadLetterCounter, type DeadLetterCounter } from './receive';

/**
 * What became of one delivered command: its effect applied; answered from the barrier (a redelivery or retry);
 * refused (a command that cannot be a compensation); or failed, to be redelivered.
 */
export type CommandOutcome = 'applied' | 'duplicate' | 'rejected' | 'failed';

export interface ParticipantMetrics {
  deadLetters: DeadLetterCounter;
  handled: Counter<'command' | 'op' | 'outcome'>;
  duration: Histogram<'command' | 'outcome'>;
  dedupHits: Counter<'command' | 'op'>;
  compensations: Counter<'command' | 'kind'>;
}

export function participantMetrics(registry: Registry): ParticipantMetrics {
  const registers = [registry];
  return {
    deadLetters: deadLetterCounter(registry),
    handled: new Counter({
      name: 'omniflow_commands_handled_total',
      help: 'Commands delivered to this participant, by type, saga op and outcome (applied, duplicate, rejected, failed)',
      labelNames: ['command', 'op', 'outcome'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'omniflow_command_handling_seconds',
      help: 'From a command decoded to its reply published (effect and barrier row in one transaction), by type and outcome',
      labelNames: ['command', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    dedupHits: new Counter({
      name: 'omniflow_dedup_hits_total',
      help: 'Redelivered or retried commands answered with the reply stored in the saga barrier, changing nothing',
      labelNames: ['command', 'op'] as const,
      registers,
    }),
    compensations: new Counter({
      name: 'omniflow_compensations_total',
      help: 'Compensations applied, by type; kind="null" when the action never ran (nothing to undo, the late action is blocked)',
      labelNames: ['command', 'kind'] as const,
      registers,
    }),
  };
}

/** Starts timing one command; the function returned records how it ended, once. */
export function observeCommand(metrics: ParticipantMetrics, command: string, op: SagaOp): (outcome: CommandOutcome, nullCompensation?: boolean) => void {
  const started = performance.now();
  return (outcome, nullCompensation = false) => {
    metrics.handled.inc({ command, op, outcome });
    metrics.duration.observe({ command, outcome }, (performance.now() - started) / 1000);
    if (outcome === 'duplicate') metrics.dedupHits.inc({ command, op });
    if (outcome === 'applied' && op === 'compensation') metrics.compensations.inc({ command, kind: nullCompensation ? 'null' : 'applied' });
  };
}
