import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { z } from 'zod/v4';
import { ConfigError, loadConfig } from '@omniflow/lib';
import { participantConfig } from '@omniflow/lib/participant';
import { orchestratorConfig } from '../../../orchestrator/src/config';
import { gatewayConfig } from '../../../services/gateway/src/config/gateway-config';
import { inventoryConfig } from '../../../services/inventory/src/config';
import { paymentConfig } from '../../../services/payment/src/config';
import { shippingConfig } from '../../../services/shipping/src/config';
import { REPO_ROOT } from '../infra';
import type { ProcessName } from '../stack/instances';

/** What each process validates at start-up, and the variables its example leaves for the operator to fill in. */
const processes: Record<ProcessName, { folder: string; shape: z.ZodRawShape; toFill: string[] }> = {
  inventory: { folder: 'services/inventory', shape: { ...participantConfig, ...inventoryConfig }, toFill: [] },
  payment: { folder: 'services/payment', shape: { ...participantConfig, ...paymentConfig }, toFill: [] },
  shipping: { folder: 'services/shipping', shape: { ...participantConfig, ...shippingConfig }, toFill: [] },
  orchestrator: { folder: 'orchestrator', shape: orchestratorConfig, toFill: [] },
  gateway: { folder: 'services/gateway', shape: gatewayConfig, toFill: ['AUTH_JWT_SECRET'] },
};

const example = (folder: string) => parseEnv(readFileSync(resolve(REPO_ROOT, folder, '.env.example'), 'utf8'));

describe.each(Object.entries(processes))('%s/.env.example', (_name, { folder, shape, toFill }) => {
  it('lists every variable the process reads, and nothing else', () => {
    expect(Object.keys(example(folder)).sort()).toEqual(Object.keys(shape).sort());
  });

  it('is a valid configuration once the secrets it leaves empty are filled in', () => {
    const problems = (() => {
      try {
        loadConfig(shape, example(folder));
        return [];
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        return err.problems.map((problem) => problem.split(':')[0]);
      }
    })();
    expect(problems).toEqual(toFill);
  });
});
