/** Direct access to the test stack's Temporal server. */
import { Client, Connection } from '@temporalio/client';
import { testStack } from './test-stack';

export async function temporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: testStack().infra.TEMPORAL_ADDRESS });
  return { client: new Client({ connection, namespace: 'default' }), close: () => connection.close() };
}
