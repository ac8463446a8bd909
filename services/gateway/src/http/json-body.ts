import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { HttpError } from './errors';

/**
 * Which bodies are read as JSON: application/json, and also a body labelled form-encoded or not labelled at
 * all. `curl -d '{"amount": 500, …}'` (the original seed's README) labels every body form-encoded, and the
 * seed's Gin JSON binding never looked at the label, so such a body is read as JSON here too; one that does
 * not parse is `400 invalid_json`, never form fields. Any other type (text/plain, multipart) is left unread.
 */
export function readsAsJson(req: IncomingMessage): boolean {
  const mediaType = req.headers['content-type']?.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === undefined || mediaType === 'application/json' || mediaType === 'application/x-www-form-urlencoded';
}

/**
 * express.json() leaves a body of any other type unread, which would look like an empty request: refuse it
 * instead. An optional body may be left out altogether (no body, or an empty one: fetch and many clients send
 * `Content-Length: 0` on a POST without one).
 */
export function requireJsonBody(req: Request, what: string, { optional = false } = {}): void {
  if (req.body !== undefined) return;
  const noBody = req.is('*/*') === null || req.get('content-length') === '0';
  if (optional && noBody) return;
  throw new HttpError(415, 'unsupported_media_type', `send ${what} as JSON (Content-Type: application/json)`);
}
