import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Header, SERVICES, commandTopic, replyTopic } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { PROCESSES, type ProcessName } from '../stack/instances';
import { api, collectMessages, readProcessLog, temporalClient, testKafka, testStack } from '../testing';

let temporal: { client: Client; close: () => Promise<void> };
beforeAll(async () => {
  temporal = await temporalClient();
});
afterAll(() => temporal.close());

interface LogLine {
  msg: string;
  traceId?: string;
  orderId?: string;
  workflowId?: string;
  messageId?: string;
}

function logLines(name: ProcessName): LogLine[] {
  return readProcessLog(name)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Long enough for a line written just after its work to reach the file; a missing line fails the test then. */
const FLUSH_WAIT_MS = 15_000;

/** The lines of one trace in a process's log, once `enough` says they are all there, or when the wait is over. */
async function traceLines(name: ProcessName, traceId: string, enough: (lines: LogLine[]) => boolean): Promise<LogLine[]> {
  const giveUp = Date.now() + FLUSH_WAIT_MS;
  for (;;) {
    const lines = logLines(name).filter((line) => line.traceId === traceId);
    if (enough(lines) || Date.now() > giveUp) return lines;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const said = (lines: LogLine[], ...messages: string[]) => messages.every((msg) => lines.some((line) => line.msg === msg));

it("follows one order by its trace id: the caller's traceparent, every process's log lines, every command and reply", async () => {
  const traceId = randomBytes(16).toString('hex');
  const placed = await api('POST', '/api/v1/orders', {
    body: { amount: 500, items: ['iPhone15'] },
    headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
  });
  expect(placed.status).toBe(202);
  expect(placed.headers.get('x-trace-id')).toBe(traceId);
  const { orderId } = placed.body;
  const workflowId = workflowIdFor(orderId);
  await temporal.client.workflow.getHandle(workflowId).result();

  // On Kafka: every command of the order carries the trace, and so does every reply.
  const kafka = testKafka();
  const prefix = testStack().topicPrefix;
  const count: Record<(typeof SERVICES)[number], number> = { inventory: 2, payment: 1, shipping: 1 }; // reserve + commit
  for (const service of SERVICES) {
    for (const topic of [commandTopic(service, prefix), replyTopic(service, prefix)]) {
      const messages = await collectMessages(kafka, topic, count[service], (message) => message.key?.toString() === orderId);
      for (const message of messages) expect(message.headers?.[Header.traceparent]?.toString()).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    }
  }

  const expected: Record<ProcessName, string[]> = {
    gateway: ['request'],
    orchestrator: ['command sent', 'activity completed by reply', 'order status changed'],
    inventory: ['command handled'],
    payment: ['command handled'],
    shipping: ['command handled'],
  };
  for (const name of PROCESSES) {
    const lines = await traceLines(name, traceId, (found) => said(found, ...expected[name]));
    expect([name, lines.map((line) => line.msg)]).toEqual([name, expect.arrayContaining(expected[name])]);
    // Every line of the trace is about this order, and says so.
    expect(lines.every((line) => line.orderId === orderId)).toBe(true);
    // Lines about a message name it (the shipment child's commands are sent from its own workflow).
    for (const line of lines.filter((entry) => entry.msg === 'command handled' || entry.msg === 'command sent')) {
      expect(line.workflowId?.startsWith(workflowId)).toBe(true);
      expect(line.messageId).toMatch(/^[0-9a-f-]{36}$/);
    }
  }
});
