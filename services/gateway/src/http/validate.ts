import { z } from 'zod/v4';
import { HttpError } from './errors';

/** Validates client input against a schema, or throws a 400 naming every field that is wrong. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(explain).map((issue) => `${issue.path.join('.') || what}: ${issue.message}`);
  throw new HttpError(400, 'invalid_request', problems.join('; '));
}

/**
 * zod sums a union's failure up as "Invalid input". When the value has the type of one option only (an item
 * that is an object, not a SKU string), that option's own issues say what is wrong, so those are shown instead.
 */
function explain(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const isOtherType = (issues: z.core.$ZodIssue[]) => issues.length === 1 && issues[0]!.code === 'invalid_type' && issues[0]!.path.length === 0;
  const meant = issue.errors.filter((issues) => !isOtherType(issues));
  if (meant.length !== 1) return [issue];
  return meant[0]!.flatMap((inner) => explain({ ...inner, path: [...issue.path, ...inner.path] }));
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
