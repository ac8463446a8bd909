import type { ErrorRequestHandler, RequestHandler } from 'express';
import { failureKind, type Logger } from '@omniflow/lib';

/** An error the client can act on: it becomes `{"error": {"code", "message"}}` with its status and headers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Headers the status calls for, such as `WWW-Authenticate` on a 401 or `Retry-After` on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound: RequestHandler = (req) => {
  throw new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`);
};

/** Maps every error to the JSON error shape; a client mistake is never a 5xx. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { status, code, message, headers } = toHttpError(err);
    if (status >= 500) logger.error({ err, orderId: res.locals.orderId, method: req.method, path: req.path }, 'request failed');
    res.status(status).set(headers).json({ error: { code, message } });
  };
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  // body-parser marks its own errors with a `type`; each is the client's doing.
  switch ((err as { type?: string }).type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', 'request body is not valid JSON');
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', 'request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', 'request body encoding is not supported');
    default:
      // A database, broker or Temporal server that is down or restarting: the same request will work shortly.
      if (failureKind(err) === 'transient') {
        return new HttpError(503, 'unavailable', 'a service the gateway depends on is unavailable; try again shortly', { 'Retry-After': '2' });
      }
      return new HttpError(500, 'internal_error', 'internal error');
  }
}
