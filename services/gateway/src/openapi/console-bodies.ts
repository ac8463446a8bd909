/** What the console's operations answer: a login's token, and who is signed in. */
import { z } from 'zod/v4';
import { LOGIN_TOKEN_TTL_SECONDS } from '../auth/login';
import { staffRole, subject } from './fields';

export const loginAnswer = z.strictObject({
  token: z.string().describe('Send as `Authorization: Bearer <token>`.'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.literal(LOGIN_TOKEN_TTL_SECONDS).describe('Seconds the token is valid.'),
  sub: subject,
  role: staffRole,
});

export const consoleInfo = z
  .strictObject({ sub: subject, role: staffRole, temporalUiUrl: z.url().nullable(), temporalNamespace: z.string() })
  .describe("Who is signed in, and where the console's links to Temporal's Web UI point (null: no UI configured).");
