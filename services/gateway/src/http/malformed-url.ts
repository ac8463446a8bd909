import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/**
 * A path that is not valid percent-encoded UTF-8 (`%ZZ`, a lone `%`, a cut-off `%E0%A4%A`) is the client's
 * mistake, whatever it names. Left to Express it is found only when a route's parameters are decoded (a
 * URIError, which would answer 500), and serve-static passes such a file name over (404); so it is refused
 * here, once, before any route. Query strings are not checked: their values are strings each route validates.
 */
export const refuseMalformedPath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    throw new HttpError(400, 'invalid_url', 'the URL path is not valid percent-encoded UTF-8');
  }
  next();
};
