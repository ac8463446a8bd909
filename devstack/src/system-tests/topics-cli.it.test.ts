import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { Header, commandTopic, replyTopic } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { describeTopics } from '@omniflow/lib';
import { REPO_ROOT } from '../infra';
import { api, temporalClient, testKafka, testStack } from '../testing';

/** The topic CLI shows a live order's commands and replies decoded, and the topics with their lag. */
const cli = (...args: string[]) => promisify(execFile)('node', [resolve(REPO_ROOT, 'devstack/dist/cli/topics.js'), ...args, '--profile', 'test']);
let temporal: { client: Client; close: () => Promise<void> };
beforeAll(async () => {
  temporal = await temporalClient();
});
afterAll(() => temporal.close());

it("tails one order's commands and replies, decoded from Avro with their headers", async () => {
  const placed = await api('POST', '/api/v1/orders', { body: { amount: 500, items: ['iPhone15'] } });
  await temporal.client.workflow.getHandle(workflowIdFor(placed.body.orderId)).result();

  const read = async (topic: string) =>
    (await cli('tail', topic, '--order', placed.body.orderId)).stdout.trim().split('\n').map((line) => JSON.parse(line));
  const commands = await read(commandTopic('inventory', testStack().topicPrefix));
  expect(commands.map((message) => message.type)).toEqual(['inventory.ReserveStock', 'inventory.CommitStock']);
  expect(commands[0]).toMatchObject({
    key: placed.body.orderId,
    body: { orderId: placed.body.orderId, lines: [{ sku: 'iPhone15', quantity: 1 }] },
    headers: { [Header.sagaOp]: 'action', [Header.idempotencyKey]: `${workflowIdFor(placed.body.orderId)}/stock` },
    error: null,
  });
  const replies = await read(replyTopic('inventory', testStack().topicPrefix));
  expect(replies[0]).toMatchObject({ type: 'inventory.ReserveStockReply', body: { outcome: 'RESERVED' } });

  const { stdout } = await cli('get', commands[0].topic, String(commands[0].partition), commands[0].offset);
  expect(JSON.parse(stdout)).toEqual(commands[0]);
});

it('lists topics with end offsets and each service group caught up', async () => {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const topics = await describeTopics(admin, testStack().topicPrefix);
    const inventory = topics.find((summary) => summary.topic === commandTopic('inventory', testStack().topicPrefix))!;
    expect(inventory.partitions).toHaveLength(3);
    expect(inventory.lag[`${testStack().topicPrefix}inventory`]).toBe(0);
  } finally {
    await admin.disconnect();
  }
  expect((await cli('list')).stdout).toMatch(/test\.dead-letters\s+end offsets/);
});
