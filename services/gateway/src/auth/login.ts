import type { RequestHandler } from 'express';
import { z } from 'zod/v4';
import { signToken } from '@omniflow/lib/auth';
import { HttpError } from '../http/errors';
import { requireJsonBody } from '../http/json-body';
import { parseWith, requireObject } from '../http/validate';
import { checkCredentials, type ConsoleUsers } from './console-users';

/** A working day; the console asks for the password again after it. */
export const LOGIN_TOKEN_TTL_SECONDS = 8 * 3600;

export const MAX_USERNAME_LENGTH = 64;
export const MAX_PASSWORD_LENGTH = 256;

export const credentials = z
  .strictObject({
    username: z.string().min(1).max(MAX_USERNAME_LENGTH),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`),
  })
  .meta({
    description: 'A console user (CONSOLE_USERS): staff only.',
    examples: [{ username: 'audrey', password: 'correct horse battery staple' }],
  });

export interface LoginDeps {
  users: ConsoleUsers;
  authSecret: string;
}

/**
 * POST /api/v1/auth/login `{"username", "password"}` → `{"token", "tokenType": "Bearer", "expiresIn", "sub", "role"}`.
 * A wrong password and an unknown name get the same 401, in the same time (see checkCredentials).
 */
export function login({ users, authSecret }: LoginDeps): RequestHandler {
  return async (req, res) => {
    requireJsonBody(req, 'the credentials');
    const { username, password } = parseWith(credentials, requireObject(req.body));
    const principal = await checkCredentials(users, username, password);
    if (!principal) throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    const token = signToken(authSecret, principal, LOGIN_TOKEN_TTL_SECONDS);
    res.set('Cache-Control', 'no-store').json({ token, tokenType: 'Bearer', expiresIn: LOGIN_TOKEN_TTL_SECONDS, sub: principal.sub, role: principal.role });
  };
}
