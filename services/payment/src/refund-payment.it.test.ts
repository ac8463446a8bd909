import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { ChargePayment, ChargePaymentReply, RefundPayment, RefundPaymentReply } from '@omniflow/contracts';
import { ParticipantProbe, openDatabase } from '@omniflow/devstack/testing';

/** The branch barrier's rules for payment, through Kafka against the running service. */
let probe: ParticipantProbe;
let db: Sequelize;
beforeAll(async () => {
  probe = await ParticipantProbe.open('payment', [ChargePaymentReply, RefundPaymentReply]);
  db = openDatabase('payment');
});
afterAll(async () => {
  await probe.close();
  await db.close();
});

const charge = (orderId: string) => probe.command(ChargePayment, { orderId, customerId: 'c-1', amountCents: 300_00, currency: 'USD' }, 'payment', 'action');
const refundAll = (orderId: string) => probe.command(RefundPayment, { orderId, amountCents: null, reason: 'test' }, 'payment', 'compensation');

async function ledger(orderId: string) {
  const count = async (sql: string) =>
    Number((await db.query<{ n: string }>(sql, { replacements: [orderId], type: QueryTypes.SELECT }))[0]?.n ?? 0);
  return {
    charged: await count("SELECT COALESCE(SUM(amount_cents), 0) AS n FROM payments WHERE order_id = ? AND status = 'CHARGED'"),
    refunded: await count('SELECT COALESCE(SUM(amount_cents), 0) AS n FROM refunds WHERE order_id = ?'),
    refunds: await count('SELECT COUNT(*) AS n FROM refunds WHERE order_id = ?'),
  };
}

it('refunds a charge once, however often the refund is delivered', async () => {
  const orderId = randomUUID();
  await probe.send(charge(orderId));
  expect((await probe.nextReplies(1))[0]!.body).toMatchObject({ outcome: 'CHARGED', amountCents: 300_00 });
  const refund = refundAll(orderId);
  await probe.send(refund, refund);
  const [first, second] = await probe.nextReplies(2);

  expect(first!.body).toEqual({ refundedCents: 300_00 });
  expect(second!.raw.value).toEqual(first!.raw.value);
  expect(await ledger(orderId)).toEqual({ charged: 300_00, refunded: 300_00, refunds: 1 });
});

it('lets a refund that arrives before its charge succeed empty, and the late charge take nothing', async () => {
  const orderId = randomUUID();
  await probe.send(refundAll(orderId), charge(orderId));
  const [refund, late] = await probe.nextReplies(2);

  expect(refund!.body).toEqual({ refundedCents: 0 });
  expect(late).toMatchObject({ type: ChargePaymentReply.name, body: { outcome: 'ABORTED', paymentId: null, amountCents: 0 } });
  expect(await ledger(orderId)).toEqual({ charged: 0, refunded: 0, refunds: 0 });
});

it('never refunds more than was charged, across a parcel refund and the full compensation', async () => {
  const orderId = randomUUID();
  await probe.send(charge(orderId));
  await probe.nextReplies(1);
  await probe.send(
    probe.command(RefundPayment, { orderId, amountCents: 200_00, reason: 'parcel A' }, 'shipment/A/refund', 'action'),
    probe.command(RefundPayment, { orderId, amountCents: 200_00, reason: 'parcel B' }, 'shipment/B/refund', 'action'),
    refundAll(orderId),
  );
  const replies = await probe.nextReplies(3);

  expect(replies.map((reply) => reply.body)).toEqual([{ refundedCents: 200_00 }, { refundedCents: 100_00 }, { refundedCents: 0 }]);
  expect(await ledger(orderId)).toEqual({ charged: 300_00, refunded: 300_00, refunds: 2 });
});

it('applies a charge and refunds that arrive together (one batch) as if one by one: never more back than was charged', async () => {
  const orderId = randomUUID();
  await probe.send(
    charge(orderId),
    probe.command(RefundPayment, { orderId, amountCents: 200_00, reason: 'parcel A' }, 'shipment/A/refund', 'action'),
    probe.command(RefundPayment, { orderId, amountCents: 200_00, reason: 'parcel B' }, 'shipment/B/refund', 'action'),
    refundAll(orderId),
    charge(orderId),
  );
  const replies = await probe.nextReplies(5);

  expect(replies.map((reply) => reply.body)).toEqual([
    expect.objectContaining({ outcome: 'CHARGED', amountCents: 300_00 }),
    { refundedCents: 200_00 },
    { refundedCents: 100_00 },
    { refundedCents: 0 },
    expect.objectContaining({ outcome: 'CHARGED', amountCents: 300_00 }),
  ]);
  expect(replies[4]!.raw.value).toEqual(replies[0]!.raw.value);
  expect(await ledger(orderId)).toEqual({ charged: 300_00, refunded: 300_00, refunds: 2 });
});
