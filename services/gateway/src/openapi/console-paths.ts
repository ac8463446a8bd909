import { LOGIN_TOKEN_TTL_SECONDS } from '../auth/login';
import { bodyProblems, header, json, jsonBody, operation, problem, PUBLIC, type PathItem } from './parts';
import { ref } from './json-schema';

/** The web console for staff: its page, and the login that gives it a bearer token. */
export const consolePaths: Record<string, PathItem> = {
  '/console': {
    get: operation({
      operationId: 'console',
      tags: ['console'],
      summary: 'The web console (a single page; its files are served under /console/, assets under /console/assets/)',
      security: PUBLIC,
      responses: {
        200: {
          description: 'The page, at `/console/` (never cached; the content-hashed assets are cached for good).',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        301: { description: 'To `/console/`, so the page\'s relative asset URLs resolve.', headers: { Location: header('`/console/`.') } },
        404: problem('No such file of the console.', ['not_found']),
        503: problem('The console was not built (`npm run build`).', ['console_not_built']),
      },
    }),
  },
  '/api/v1/auth/login': {
    post: operation({
      operationId: 'login',
      tags: ['console'],
      summary: `Log a console user in: a bearer token of their role, valid for ${LOGIN_TOKEN_TTL_SECONDS / 3600} hours`,
      security: PUBLIC,
      requestBody: jsonBody('LoginRequest'),
      responses: {
        200: json('Logged in.', ref('Login'), { 'Cache-Control': header('Always `no-store`.') }),
        400: problem('Malformed JSON, or a body that breaks the schema.', ['invalid_json', 'invalid_request']),
        401: problem('A wrong password and an unknown username get the same answer, in the same time.', ['invalid_credentials']),
        ...bodyProblems,
      },
    }),
  },
};
