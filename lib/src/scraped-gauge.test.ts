import pino from 'pino';
import { Registry } from 'prom-client';
import { registerScrapedGauge } from './scraped-gauge';

const silent = pino({ level: 'silent' });
const config = { name: 'omniflow_test_depth', help: 'depth', labelNames: ['queue'] as const };

it('measures at every scrape, replacing what the last scrape saw', async () => {
  const registry = new Registry();
  let depth = [{ labels: { queue: 'a' }, value: 3 }, { labels: { queue: 'b' }, value: 1 }];
  registerScrapedGauge(registry, config, async () => depth, silent);
  expect(await registry.metrics()).toMatch(/omniflow_test_depth\{queue="a"\} 3\nomniflow_test_depth\{queue="b"\} 1/);
  depth = [{ labels: { queue: 'a' }, value: 0 }];
  const text = await registry.metrics();
  expect(text).toMatch(/omniflow_test_depth\{queue="a"\} 0/);
  expect(text).not.toMatch(/queue="b"/);
});

it('leaves the gauge empty, not stale, when the measurement fails or hangs, and the scrape still answers', async () => {
  const registry = new Registry();
  let measure = async () => [{ labels: { queue: 'a' }, value: 3 }];
  registerScrapedGauge(registry, config, () => measure(), silent);
  await registry.metrics();
  measure = () => new Promise(() => undefined);
  expect(await registry.metrics()).not.toMatch(/queue="a"/);
  measure = async () => {
    throw new Error('broker down');
  };
  expect(await registry.metrics()).not.toMatch(/queue="a"/);
});
