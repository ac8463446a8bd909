import { Registry } from 'prom-client';
import { observeCommand, participantMetrics } from './participant-metrics';

async function values(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  // A histogram's values are its _bucket, _sum and _count series, each named.
  const values = (metric?.values ?? []) as { labels: object; value: number; metricName?: string }[];
  return Object.fromEntries(values.map(({ labels, value, metricName }) => [`${metricName ?? name}${JSON.stringify(labels)}`, value]));
}

it('counts each outcome by type and op, and times it', async () => {
  const registry = new Registry();
  const metrics = participantMetrics(registry);
  observeCommand(metrics, 'inventory.ReserveStock', 'action')('applied');
  observeCommand(metrics, 'inventory.ReserveStock', 'action')('duplicate');
  observeCommand(metrics, 'inventory.ReserveStock', 'action')('failed');
  expect(await values(registry, 'omniflow_commands_handled_total')).toEqual({
    'omniflow_commands_handled_total{"command":"inventory.ReserveStock","op":"action","outcome":"applied"}': 1,
    'omniflow_commands_handled_total{"command":"inventory.ReserveStock","op":"action","outcome":"duplicate"}': 1,
    'omniflow_commands_handled_total{"command":"inventory.ReserveStock","op":"action","outcome":"failed"}': 1,
  });
  const durations = await values(registry, 'omniflow_command_handling_seconds');
  expect(durations['omniflow_command_handling_seconds_count{"command":"inventory.ReserveStock","outcome":"applied"}']).toBe(1);
});

it('counts a redelivery answered from the barrier as a dedup hit, and nothing else as one', async () => {
  const registry = new Registry();
  const metrics = participantMetrics(registry);
  observeCommand(metrics, 'payment.ChargePayment', 'action')('applied');
  observeCommand(metrics, 'payment.ChargePayment', 'action')('duplicate');
  observeCommand(metrics, 'payment.ChargePayment', 'action')('duplicate');
  expect(await values(registry, 'omniflow_dedup_hits_total')).toEqual({
    'omniflow_dedup_hits_total{"command":"payment.ChargePayment","op":"action"}': 2,
  });
});

it('counts compensations that undid something apart from null compensations, and not their duplicates', async () => {
  const registry = new Registry();
  const metrics = participantMetrics(registry);
  observeCommand(metrics, 'inventory.ReleaseStock', 'compensation')('applied', false);
  observeCommand(metrics, 'inventory.ReleaseStock', 'compensation')('applied', true);
  observeCommand(metrics, 'inventory.ReleaseStock', 'compensation')('duplicate');
  observeCommand(metrics, 'inventory.ReleaseStock', 'action')('applied'); // a parcel's own release: not a compensation
  expect(await values(registry, 'omniflow_compensations_total')).toEqual({
    'omniflow_compensations_total{"command":"inventory.ReleaseStock","kind":"applied"}': 1,
    'omniflow_compensations_total{"command":"inventory.ReleaseStock","kind":"null"}': 1,
  });
});
