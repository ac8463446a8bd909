import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, registerScrapedGauge, type Logger } from '@omniflow/lib';
import { deadLetterCounter, type DeadLetterCounter } from '@omniflow/lib/participant';
import type { OrdersReadModel } from '@omniflow/lib/orders-read-model';

export interface OrchestratorMetrics {
  deadLetters: DeadLetterCounter;
  commandsSent: Counter<'topic' | 'command' | 'op'>;
  replyLatency: Histogram<'topic' | 'command'>;
  replies: Counter<'reply' | 'result'>;
  orderTransitions: Counter<'status'>;
}

export function orchestratorMetrics(registry: Registry): OrchestratorMetrics {
  const registers = [registry];
  return {
    deadLetters: deadLetterCounter(registry),
    commandsSent: new Counter({
      name: 'omniflow_commands_sent_total',
      help: 'Commands published by activities, by command topic, type and saga op (a retried activity sends again)',
      labelNames: ['topic', 'command', 'op'] as const,
      registers,
    }),
    replyLatency: new Histogram({
      name: 'omniflow_command_reply_seconds',
      help: 'From a command published to its reply completing the activity, by command topic and type (commands this instance sent)',
      labelNames: ['topic', 'command'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    replies: new Counter({
      name: 'omniflow_replies_total',
      help: 'Replies consumed, by type and result: completed an activity, or found it no longer waiting (a duplicate)',
      labelNames: ['reply', 'result'] as const,
      registers,
    }),
    orderTransitions: new Counter({
      name: 'omniflow_order_transitions_total',
      help: 'Orders entering each status, counted once per transition when it reaches the read model',
      labelNames: ['status'] as const,
      registers,
    }),
  };
}

/** `omniflow_orders{status}`: how many orders are in each status now, counted in the read model when scraped. */
export function registerOrdersByStatus(registry: Registry, orders: OrdersReadModel, logger: Logger): void {
  registerScrapedGauge(
    registry,
    { name: 'omniflow_orders', help: 'Orders in each status now, from the orders read model (counted when scraped)', labelNames: ['status'] as const },
    async () => (await orders.countByStatus()).map(({ status, orders }) => ({ labels: { status }, value: orders })),
    logger,
  );
}
