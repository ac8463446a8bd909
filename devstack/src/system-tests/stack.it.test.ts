import { randomUUID } from 'node:crypto';
import { terminateLeftoverWorkflows } from '../stack/reset';
import { temporalClient, testStack } from '../testing';

/**
 * A reset profile starts with none of an interrupted run's workflows still open on its task queue: they would
 * wake up on the new stack and act on databases that no longer hold their orders.
 */
it('terminates the workflows an earlier run left open on the task queue, and only those', async () => {
  const taskQueue = `omniflow-leftovers-${randomUUID()}`;
  const temporal = await temporalClient();
  try {
    // No worker polls these queues, so both workflows stay open.
    const leftover = await temporal.client.workflow.start('order', { taskQueue, workflowId: `leftover-${randomUUID()}`, args: [] });
    const otherQueue = await temporal.client.workflow.start('order', {
      taskQueue: `${taskQueue}-other`,
      workflowId: `other-${randomUUID()}`,
      args: [],
    });
    // Listing reads the visibility store, which may lag the start by a moment. Wait until the listing itself (what
    // terminateLeftoverWorkflows reads) shows the leftover: a count seeing it was once not enough on PostgreSQL.
    const query = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`;
    const listed = async () => {
      for await (const execution of temporal.client.workflow.list({ query })) if (execution.workflowId === leftover.workflowId) return true;
      return false;
    };
    while (!(await listed())) await new Promise((resolve) => setTimeout(resolve, 100));

    await terminateLeftoverWorkflows({ ...testStack(), taskQueue });

    expect((await leftover.describe()).status.name).toBe('TERMINATED');
    expect((await otherQueue.describe()).status.name).toBe('RUNNING');
    await otherQueue.terminate('test over');
  } finally {
    await temporal.close();
  }
});
