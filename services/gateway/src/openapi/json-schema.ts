/** Turns named zod schemas into OpenAPI components: JSON Schema 2020-12, the dialect of OpenAPI 3.1. */
import { z } from 'zod/v4';

export type JsonSchema = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';

export const ref = (name: string): JsonSchema => ({ $ref: `${COMPONENTS}${name}` });

/**
 * Each schema becomes the component of its name; one used inside another becomes a $ref to it. Requests are
 * described as the client sends them (`io: 'input'`: before transforms such as trimming). Answers have no
 * transforms, and are strict objects so that their unknown fields are refused in input mode too.
 */
export function toComponents<Name extends string>(bodies: Record<Name, z.ZodType>): Record<Name, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries<z.ZodType>(bodies)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: 'input', uri: (id) => `${COMPONENTS}${id}`, override: describeAsDeclared });
  const { __shared: shared, ...components } = schemas;
  // Shared definitions only come of recursive schemas, which no body is; they would need a home of their own.
  if (shared) throw new Error(`schemas zod could not inline: ${Object.keys(shared.$defs ?? {}).join(', ')}`);
  // A component is a part of the document, not a JSON Schema resource: no `$schema`, no `$id` of its own.
  const strip = ({ $schema: _dialect, $id: _id, ...schema }: JsonSchema): JsonSchema => schema;
  return Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, strip(schema)])) as Record<Name, JsonSchema>;
}

/**
 * Fixes what zod leaves out or spells long. Examples are of what a client sends, but zod drops them from a schema
 * with transforms (unsure whether they show input or output); a string format such as date-time or uuid is said
 * by `format`, and zod's regex for it would only repeat it, unreadably.
 */
function describeAsDeclared({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const examples = z.globalRegistry.get(zodSchema)?.examples;
  if (examples) jsonSchema.examples = examples;
  if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
}
