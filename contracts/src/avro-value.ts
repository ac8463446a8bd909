/**
 * The TypeScript type of what avsc decodes a schema to, so that a message's Avro schema is the one place its shape
 * is written. Written here because no kept library maps avsc's plain schema objects at the type level: the npm
 * tools (avro-typescript, @ovotech/avro-ts) generate source files, which would be a second copy to keep in step.
 *
 * AvroSchema is the part of Avro the messages use, and all that AvroValue maps: a schema reaching beyond it (a map,
 * bytes, a union other than nullable, a named type referenced by name) fails to compile instead of getting a wrong
 * type. Add the case here when a message needs it.
 */
export type AvroSchema = AvroPrimitive | AvroNullable | AvroRecord | AvroEnum | AvroArray;

type AvroPrimitive = 'boolean' | 'int' | 'long' | 'float' | 'double' | 'string';
/** avsc decodes a null-or-X union unwrapped: null, or the X itself. */
type AvroNullable = readonly ['null', AvroSchema];
interface AvroRecord {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly fields: readonly { readonly name: string; readonly type: AvroSchema; readonly default?: unknown }[];
}
interface AvroEnum {
  readonly type: 'enum';
  readonly name: string;
  readonly symbols: readonly string[];
}
interface AvroArray {
  readonly type: 'array';
  readonly items: AvroSchema;
}

/** The value of a schema as avsc decodes it (default options). */
export type AvroValue<S extends AvroSchema> =
  S extends 'boolean' ? boolean
  : S extends 'string' ? string
  // avsc's default long decodes to a number too, and refuses one past 2^53 rather than round it.
  : S extends 'int' | 'long' | 'float' | 'double' ? number
  : S extends readonly ['null', infer X extends AvroSchema] ? AvroValue<X> | null
  : S extends AvroRecord ? AvroRecordValue<S['fields'][number]>
  : S extends AvroEnum ? S['symbols'][number]
  : S extends AvroArray ? AvroValue<S['items']>[]
  : never;

/**
 * A field whose name is only known as `string` (built by a helper that lost the literal) would turn the record into
 * an index signature that accepts any key; never instead, so that no body of it compiles.
 */
type AvroRecordValue<F extends AvroRecord['fields'][number]> =
  string extends F['name'] ? never : { -readonly [G in F as G['name']]: AvroValue<G['type']> };
