import { z } from 'zod';
import { HttpError } from './errors';

/** Validates client input against a schema, or throws a 400 naming every field that is wrong. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`);
  throw new HttpError(400, 'invalid_request', problems.join('; '));
}

/** A JSON object body; express.json() leaves anything else (an array, a bare value, no body) for us to refuse. */
export function requireObject(body: unknown): object {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'request body must be a JSON object');
  }
  return body;
}

/** A `limit` query parameter: a whole number 1..max (query values are strings; a repeated one is an array, refused). */
export const limitParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, `must be a whole number 1-${max}`)
    .transform(Number)
    .pipe(z.number().min(1).max(max));
