import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ReserveStock, ReserveStockReply, commandTopic } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { PROCESSES, type ProcessName } from '../stack/instances';
import { ParticipantProbe, api, scrapeMetrics, temporalClient, testStack, type Scrape } from '../testing';

/** What every process's /metrics declares, besides Node's own process metrics. */
const families: Record<ProcessName, string[]> = {
  gateway: ['omniflow_http_request_duration_seconds', 'omniflow_orders_placed_total'],
  inventory: participantFamilies(),
  payment: participantFamilies(),
  shipping: participantFamilies(),
  orchestrator: [
    'omniflow_commands_sent_total',
    'omniflow_command_reply_seconds',
    'omniflow_replies_total',
    'omniflow_order_transitions_total',
    'omniflow_orders',
    'omniflow_dead_letters_total',
    'omniflow_consumer_lag',
    // The Temporal SDK's own, appended from its exporter (those present before any workflow ran).
    'temporal_num_pollers',
    'temporal_worker_start_total',
  ],
};

function participantFamilies(): string[] {
  return [
    'omniflow_commands_handled_total',
    'omniflow_command_handling_seconds',
    'omniflow_dedup_hits_total',
    'omniflow_compensations_total',
    'omniflow_dead_letters_total',
    'omniflow_consumer_lag',
  ];
}

let temporal: { client: Client; close: () => Promise<void> };
beforeAll(async () => {
  temporal = await temporalClient();
});
afterAll(() => temporal.close());

async function scrapeAll(): Promise<Record<ProcessName, Scrape>> {
  const scrapes = await Promise.all(PROCESSES.map(async (name) => [name, await scrapeMetrics(name)] as const));
  return Object.fromEntries(scrapes) as Record<ProcessName, Scrape>;
}

it.each(PROCESSES)('%s answers /metrics with its metric families and the process metrics', async (name) => {
  const scrape = await scrapeMetrics(name);
  expect(scrape.families()).toEqual(expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', ...families[name]]));
  // Never one series per order: no label carries an order id.
  expect(scrape.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
});

it('moves the counters and histograms of every process along one order', async () => {
  const before = await scrapeAll();
  const placed = await api('POST', '/api/v1/orders', { body: { amount: 500, items: ['iPhone15'] } });
  expect(placed.status).toBe(202);
  await temporal.client.workflow.getHandle(workflowIdFor(placed.body.orderId)).result();
  const after = await scrapeAll();
  const grew = (name: ProcessName, series: string, labels: Record<string, string> = {}) =>
    after[name].value(series, labels) - before[name].value(series, labels);

  expect(grew('gateway', 'omniflow_orders_placed_total', { outcome: 'started' })).toBe(1);
  expect(grew('gateway', 'omniflow_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/orders', status: '202' })).toBe(1);

  const applied = (command: string) => ({ command, outcome: 'applied' });
  expect(grew('inventory', 'omniflow_commands_handled_total', applied('inventory.ReserveStock'))).toBeGreaterThanOrEqual(1);
  expect(grew('inventory', 'omniflow_commands_handled_total', applied('inventory.CommitStock'))).toBeGreaterThanOrEqual(1);
  expect(grew('payment', 'omniflow_commands_handled_total', applied('payment.ChargePayment'))).toBeGreaterThanOrEqual(1);
  expect(grew('shipping', 'omniflow_commands_handled_total', applied('shipping.ScheduleShipment'))).toBeGreaterThanOrEqual(1);
  expect(grew('payment', 'omniflow_command_handling_seconds_count', applied('payment.ChargePayment'))).toBeGreaterThanOrEqual(1);

  const prefix = testStack().topicPrefix;
  for (const [topic, command] of [
    [commandTopic('inventory', prefix), 'inventory.ReserveStock'],
    [commandTopic('payment', prefix), 'payment.ChargePayment'],
    [commandTopic('shipping', prefix), 'shipping.ScheduleShipment'],
  ] as const) {
    expect(grew('orchestrator', 'omniflow_commands_sent_total', { topic, command })).toBeGreaterThanOrEqual(1);
    expect(grew('orchestrator', 'omniflow_command_reply_seconds_count', { topic, command })).toBeGreaterThanOrEqual(1);
  }
  expect(grew('orchestrator', 'omniflow_replies_total', { result: 'completed' })).toBeGreaterThanOrEqual(4);
  const transitions = Object.fromEntries(
    ['PENDING', 'RESERVED', 'PAID', 'SHIPPING', 'COMPLETED'].map((status) => [status, grew('orchestrator', 'omniflow_order_transitions_total', { status })]),
  );
  expect(transitions).toEqual({ PENDING: 1, RESERVED: 1, PAID: 1, SHIPPING: 1, COMPLETED: 1 });
  expect(after.orchestrator.value('omniflow_orders', { status: 'COMPLETED' })).toBeGreaterThanOrEqual(1);
  // The Temporal SDK's own: the order's workflow and its parcel's child, and the activities' latencies.
  expect(grew('orchestrator', 'temporal_workflow_completed_total', { workflow_type: 'orderWorkflow' })).toBe(1);
  expect(grew('orchestrator', 'temporal_workflow_completed_total', { workflow_type: 'shipmentWorkflow' })).toBe(1);
  expect(after.orchestrator.families()).toContain('temporal_activity_execution_latency_seconds');

  // Lag is measured per group, topic and partition at scrape time (its value may be a just-handled message whose
  // offset commit is still on its way, so only its shape is asserted here).
  expect(after.inventory.samples('omniflow_consumer_lag', { group: `${prefix}inventory`, topic: commandTopic('inventory', prefix) })).toHaveLength(3);
  const replyLag = after.orchestrator.samples('omniflow_consumer_lag', { group: `${prefix}orchestrator` });
  expect(replyLag).toHaveLength(9); // three reply topics, three partitions each
  expect(replyLag.every((lag) => Number.isInteger(lag) && lag >= 0)).toBe(true);
});

it('counts a redelivered command answered from the barrier as a dedup hit, and a poison one as a dead letter', async () => {
  const probe = await ParticipantProbe.open('inventory', [ReserveStockReply]);
  try {
    const before = await scrapeMetrics('inventory');
    const command = probe.command(ReserveStock, { orderId: randomUUID(), lines: [{ sku: 'iPhone15', quantity: 1 }] }, 'stock', 'action');
    await probe.send(command, command);
    await probe.nextReplies(2);
    await probe.send({ ...command, headers: { ...command.headers, 'schema-fingerprint': 'not-ours' } }, command);
    await probe.nextReplies(1); // the poison one is dead-lettered before the next one is served
    const after = await scrapeMetrics('inventory');
    const grew = (series: string, labels: Record<string, string>) => after.value(series, labels) - before.value(series, labels);
    expect(grew('omniflow_commands_handled_total', { command: 'inventory.ReserveStock', outcome: 'applied' })).toBe(1);
    expect(grew('omniflow_dedup_hits_total', { command: 'inventory.ReserveStock' })).toBe(2);
    expect(grew('omniflow_dead_letters_total', { consumer: 'inventory', reason: 'foreign_schema' })).toBe(1);
  } finally {
    await probe.close();
  }
});
