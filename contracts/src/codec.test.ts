import {
  ChargePayment,
  ChargePaymentReply,
  CommitStock,
  CommitStockReply,
  Header,
  InvalidMessageError,
  MessageRegistry,
  OrderChanged,
  RefundPayment,
  RefundPaymentReply,
  ReleaseStock,
  ReleaseStockReply,
  ReserveStock,
  ReserveStockReply,
  ScheduleShipment,
  ScheduleShipmentReply,
  StockAvailability,
  commandEnvelope,
  encodeCommand,
  encodeEvent,
  encodeReply,
  encodeState,
  replyEnvelope,
  type MessageType,
} from './index';

const envelope = {
  orderId: 'o-1',
  workflowId: 'order-o-1',
  activityId: '1',
  idempotencyKey: 'order-o-1/stock',
  sagaOp: 'action' as const,
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
  it.each<[string, (headers: Headers) => Headers, RegExp, string]>([
    ['an unknown message type', (headers) => ({ ...headers, [Header.messageType]: 'inventory.DropTables' }), /unknown message type/, 'unknown_type'],
    ['no message type', ({ [Header.messageType]: _dropped, ...rest }) => rest, /missing message-type/, 'missing_type'],
    ['a foreign schema fingerprint', (headers) => ({ ...headers, [Header.schemaFingerprint]: 'abc' }), /schema fingerprint abc/, 'foreign_schema'],
  ])('rejects %s', (_case, alter, error, reason) => {
    const message = encodeCommand(ReserveStock, command, envelope);
    expect(() => registry.decode({ ...message, headers: alter(message.headers) })).toThrow(error);
    expect(reasonOf(() => registry.decode({ ...message, headers: alter(message.headers) }))).toBe(reason);
  });

  it('rejects a payload that is not Avro for the schema, and one with trailing bytes', () => {
    const message = encodeCommand(ReserveStock, command, envelope);
    expect(() => registry.decode({ ...message, value: Buffer.from('not avro at all, just text') })).toThrow(InvalidMessageError);
    expect(() => registry.decode({ ...message, value: Buffer.concat([message.value, Buffer.from([0])]) })).toThrow(
      /not valid Avro/,
    );
    expect(reasonOf(() => registry.decode({ ...message, value: Buffer.from('junk') }))).toBe('invalid_avro');
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
    expect(reasonOf(() => commandEnvelope(headers))).toBe('missing_headers');
  });
});

describe('trace context', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('rides on a command and on its reply when the sender has one', () => {
    const message = encodeCommand(ReserveStock, command, { ...envelope, traceparent });
    expect(message.headers[Header.traceparent]).toBe(traceparent);
    const received = commandEnvelope(registry.decode(message).headers);
    expect(received.traceparent).toBe(traceparent);
    const reply = encodeReply(ReserveStockReply, Buffer.alloc(0), { ...received, causationId: received.messageId });
    expect(replyEnvelope(reply.headers).traceparent).toBe(traceparent);
  });

  it('is optional: a message without it (sent before tracing) still decodes', () => {
    const message = encodeCommand(ReserveStock, command, envelope);
    expect(Header.traceparent in message.headers).toBe(false);
    expect(commandEnvelope(registry.decode(message).headers)).not.toHaveProperty('traceparent');
  });
});

/** The reason code an InvalidMessageError carries: what dead letters are counted by. */
function reasonOf(decode: () => unknown): string {
  try {
    decode();
  } catch (err) {
    if (err instanceof InvalidMessageError) return err.reason;
    throw err;
  }
  throw new Error('expected an InvalidMessageError');
}

describe('every message type', () => {
  // Catches a schema whose field names drift from its TypeScript type: an example body of each must round-trip.
  const examples: [MessageType<any>, unknown][] = [
    [ReserveStockReply, { outcome: 'ABORTED', allocations: [{ sku: 'A', warehouseId: 'W', quantity: 1 }], reason: 'late' }],
    [ReleaseStock, { orderId: 'o', warehouseId: null }],
    [ReleaseStockReply, { released: [{ sku: 'A', warehouseId: 'W', quantity: 1 }] }],
    [CommitStock, { orderId: 'o', warehouseId: 'W' }],
    [CommitStockReply, { committed: [{ sku: 'A', warehouseId: 'W', quantity: 2 }] }],
    [ChargePayment, { orderId: 'o', customerId: 'c', amountCents: 123, currency: 'USD' }],
    [ChargePaymentReply, { outcome: 'ABORTED', paymentId: null, amountCents: 0, reason: null }],
    [RefundPayment, { orderId: 'o', amountCents: null, reason: 'r' }],
    [RefundPaymentReply, { refundedCents: 5 }],
    [ScheduleShipment, { orderId: 'o', warehouseId: 'W', lines: [{ sku: 'A', quantity: 1 }], address: { name: 'N', line1: 'L', line2: null, city: 'C', postalCode: 'P', country: 'DE' } }],
    [ScheduleShipmentReply, { outcome: 'FAILED', shipmentId: 's', trackingNumber: null, reason: 'no carrier' }],
    [OrderChanged, { orderId: 'o', customerId: 'c', status: 'REJECTED', reason: 'r', totalCents: 2_000_000, currency: 'USD', version: 4, createdAt: 'a', at: 'b' }],
    // Versions are sums over a SKU's rows and keep growing: past 2^31 they must still round-trip.
    [StockAvailability, { sku: 'A', available: 0, version: 2 ** 40 }],
  ];
  it.each(examples.map(([type, body]) => [type.name, type, body] as const))('%s round-trips', (_name, type, body) => {
    expect(type.decode(type.encode(body))).toEqual(body);
  });
});

it('names every missing envelope header at once', () => {
  const { headers } = encodeCommand(ReserveStock, command, envelope);
  delete headers[Header.sagaOp];
  delete headers[Header.orderId];
  expect(() => commandEnvelope(headers)).toThrow('missing order-id, saga-op headers');
});

it('encodes an event keyed by order id, with its correlation headers and no reply-to', () => {
  const body: OrderChanged = { orderId: 'o-1', customerId: 'c', status: 'PAID', reason: null, totalCents: 500, currency: 'USD', version: 3, createdAt: 'a', at: 'b' };
  const message = encodeEvent(OrderChanged, body, { orderId: 'o-1', workflowId: 'order-o-1' });
  expect(message.key).toBe('o-1');
  expect(message.headers).toMatchObject({ [Header.orderId]: 'o-1', [Header.workflowId]: 'order-o-1', [Header.messageType]: 'orders.OrderChanged' });
  expect(message.headers[Header.replyTo]).toBeUndefined();
  expect(new MessageRegistry([OrderChanged]).decode(message).body).toEqual(body);
});

it('encodes a state message keyed by what it is about, decodable by its type', () => {
  const body: StockAvailability = { sku: 'iPhone15', available: 3, version: 17 };
  const message = encodeState(StockAvailability, body, body.sku);
  expect(message.key).toBe('iPhone15');
  expect(message.headers[Header.messageId]).toMatch(/^[0-9a-f-]{36}$/);
  expect(new MessageRegistry([StockAvailability]).decode(message).body).toEqual(body);
});
