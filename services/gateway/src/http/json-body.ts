import type { Request } from 'express';
import { HttpError } from './errors';

/**
 * express.json() parses application/json only and leaves any other body unread, which would look like an
 * empty request: refuse it instead. An optional body may be left out altogether (no body, or an empty one:
 * fetch and many clients send `Content-Length: 0` on a POST without one).
 */
export function requireJsonBody(req: Request, what: string, { optional = false } = {}): void {
  const json = req.is('application/json');
  if (json) return;
  const noBody = json === null || req.get('content-length') === '0';
  if (optional && noBody) return;
  throw new HttpError(415, 'unsupported_media_type', `send ${what} as application/json`);
}
