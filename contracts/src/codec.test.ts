import { Header, InvalidMessageError, MessageRegistry, ReserveStock, ReserveStockReply, commandEnvelope, encodeCommand } from './index';

const envelope = {
  orderId: 'o-1',
  workflowId: 'order-o-1',
  activityId: '1',
  idempotencyKey: 'order-o-1/stock',
  replyTo: 'inventory.replies',
};
const command: ReserveStock = { orderId: 'o-1', lines: [{ sku: 'iPhone15', quantity: 2 }] };
const registry = new MessageRegistry([ReserveStock]);

describe('message codec', () => {
  it('round-trips a command with its envelope headers, keyed by order id', () => {
    const message = encodeCommand(ReserveStock, command, envelope);
    expect(message.key).toBe('o-1');
    const decoded = registry.decode(message);
    expect(decoded.type).toBe(ReserveStock);
    expect(decoded.body).toEqual(command);
    expect(commandEnvelope(decoded.headers)).toMatchObject(envelope);
    expect(decoded.headers[Header.messageId]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to encode a body that does not match the schema', () => {
    const bad = { orderId: 'o-1', lines: [{ sku: 'iPhone15', quantity: 1.5 }] };
    expect(() => ReserveStock.encode(bad)).toThrow(/lines\.0\.quantity/);
  });

  type Headers = Record<string, string>;
  it.each<[string, (headers: Headers) => Headers, RegExp]>([
    ['an unknown message type', (headers) => ({ ...headers, [Header.messageType]: 'inventory.DropTables' }), /unknown message type/],
    ['no message type', ({ [Header.messageType]: _dropped, ...rest }) => rest, /missing message-type/],
    ['a foreign schema fingerprint', (headers) => ({ ...headers, [Header.schemaFingerprint]: 'abc' }), /schema fingerprint abc/],
  ])('rejects %s', (_case, alter, error) => {
    const message = encodeCommand(ReserveStock, command, envelope);
    expect(() => registry.decode({ ...message, headers: alter(message.headers) })).toThrow(error);
  });

  it('rejects a payload that is not Avro for the schema, and one with trailing bytes', () => {
    const message = encodeCommand(ReserveStock, command, envelope);
    expect(() => registry.decode({ ...message, value: Buffer.from('not avro at all, just text') })).toThrow(InvalidMessageError);
    expect(() => registry.decode({ ...message, value: Buffer.concat([message.value, Buffer.from([0])]) })).toThrow(
      /not valid Avro/,
    );
  });

  it('rejects a reply type the registry was not given', () => {
    const reply = ReserveStockReply.encode({ outcome: 'RESERVED', allocations: [], reason: null });
    const headers = { [Header.messageType]: ReserveStockReply.name, [Header.schemaFingerprint]: ReserveStockReply.fingerprint };
    expect(() => registry.decode({ value: reply, headers })).toThrow(/unknown message type/);
  });

  it('names the missing envelope header', () => {
    const { headers } = encodeCommand(ReserveStock, command, envelope);
    delete headers[Header.replyTo];
    expect(() => commandEnvelope(headers)).toThrow(/missing reply-to header/);
  });
});
