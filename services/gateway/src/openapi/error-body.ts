import { z } from 'zod/v4';

/** The body of every error answer (see http/errors.ts). */
export const errorBody = z
  .strictObject({ error: z.strictObject({ code: z.string().meta({ examples: ['invalid_request'] }), message: z.string() }) })
  .describe('Every error: a stable machine-readable code and a message for people.');
