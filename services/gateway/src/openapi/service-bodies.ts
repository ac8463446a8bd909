/** What the gateway answers about its own health. */
import { z } from 'zod/v4';

export const liveness = z.strictObject({ status: z.literal('ok') });

export const readiness = z
  .strictObject({ ready: z.boolean(), checks: z.record(z.string(), z.string()) })
  .meta({
    description: 'Each dependency the process needs, `ok` or why it is not.',
    examples: [{ ready: false, checks: { database: 'ok', temporal: 'no answer within 2000 ms' } }],
  });
