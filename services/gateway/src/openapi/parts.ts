/** Building blocks of the OpenAPI document's operations, so each path reads as what it accepts and answers. */
import { ref, type JsonSchema } from './json-schema';

export type Operation = Record<string, unknown> & { responses: Record<string, unknown> };
export type PathItem = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>;

export const json = (description: string, schema: JsonSchema, headers?: Record<string, unknown>) => ({
  description,
  ...(headers && { headers }),
  content: { 'application/json': { schema } },
});

/** An error answer: `{"error": {"code", "message"}}`, with the codes this status carries here. */
export const problem = (description: string, codes: string[], headers?: Record<string, unknown>) =>
  json(`${description} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`, ref('Error'), headers);

/**
 * A request body of one of components.schemas. Only application/json is listed: a form-encoded media type here
 * would promise form fields, which are refused; the description says which other labels are read as JSON.
 */
export const jsonBody = (schema: string, required = true) => ({
  required,
  description:
    'JSON. A body labelled `application/x-www-form-urlencoded` (what `curl -d` sends) or with no Content-Type is read as JSON ' +
    'too, as the original seed did; if it does not parse it is `400 invalid_json`. Any other media type is `415`.',
  content: { 'application/json': { schema: ref(schema) } },
});

/** What express.json() refuses before a route sees the body. */
export const bodyProblems = {
  413: problem('The body is too large.', ['payload_too_large']),
  415: problem(
    'The body is of a media type not read as JSON (such as text/plain or multipart/form-data), or in an unsupported encoding.',
    ['unsupported_media_type', 'unsupported_encoding'],
  ),
};

export const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });

/** A guest (no Authorization header) or a bearer token; an invalid token is a 401, never a guest. */
export const GUEST_OR_BEARER = [{}, { bearerAuth: [] }];
export const BEARER = [{ bearerAuth: [] }];
export const PUBLIC: unknown[] = [];

export const unauthenticated = problem('The Authorization header is not a valid bearer token, or one is needed.', ['unauthenticated'], {
  'WWW-Authenticate': header('Always `Bearer`.'),
});
export const unavailable = problem('A back end is not answering yet; retry after the given seconds.', ['unavailable'], {
  'Retry-After': header('Seconds.', { type: 'integer' }),
});

const malformedUrl = problem('The URL path is not valid percent-encoded UTF-8 (refused on every path, before any route).', ['invalid_url']);

/** Any 400 an operation states, and also the malformed URL every path refuses. */
function withMalformedUrl(badRequest: unknown): unknown {
  if (badRequest === undefined) return malformedUrl;
  const stated = badRequest as { description: string };
  return { ...stated, description: `${stated.description} Or: ${malformedUrl.description}` };
}

/** Every operation may be sent a malformed URL, and may fail on the server's side (never a client mistake). */
export function operation(spec: Operation): Operation {
  return {
    ...spec,
    responses: {
      ...spec.responses,
      400: withMalformedUrl(spec.responses[400]),
      500: problem('The server failed; nothing is promised about the request.', ['internal_error']),
    },
  };
}
