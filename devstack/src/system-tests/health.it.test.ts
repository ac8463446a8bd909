import { PROCESSES } from '../stack/instances';
import { testStack } from '../testing';

/** Every OmniFlow process answers liveness and readiness, with each real dependency it needs checked. */
const expectedChecks = {
  gateway: ['database', 'temporal', 'kafka'],
  inventory: ['database', 'kafka'],
  payment: ['database', 'kafka'],
  shipping: ['database', 'kafka'],
  orchestrator: ['database', 'kafka', 'temporal'],
};

it.each(PROCESSES)('%s is live and ready', async (name) => {
  const base = testStack().healthUrl(name);
  expect((await fetch(`${base}/health/live`)).status).toBe(200);
  const ready = await fetch(`${base}/health/ready`);
  const body = (await ready.json()) as { ready: boolean; checks: Record<string, string> };
  expect(ready.status).toBe(200);
  expect(body).toEqual({ ready: true, checks: Object.fromEntries(expectedChecks[name].map((check) => [check, 'ok'])) });
});
