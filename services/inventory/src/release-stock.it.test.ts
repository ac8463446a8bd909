import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { MessageRegistry, ReleaseStock, ReleaseStockReply, ReserveStock, ReserveStockReply, StockAvailability, availabilityTopic } from '@omniflow/contracts';
import { ParticipantProbe, collectMessages, openDatabase, stockOf, stockUp, testKafka, testStack } from '@omniflow/devstack/testing';

/** The branch barrier's rules for inventory, and its availability announcements, through Kafka against the running service. */
let probe: ParticipantProbe;
let db: Sequelize;
beforeAll(async () => {
  probe = await ParticipantProbe.open('inventory', [ReserveStockReply, ReleaseStockReply]);
  db = openDatabase('inventory');
});
afterAll(async () => {
  await probe.close();
  await db.close();
});

it('releases a reservation once, however often the release is delivered', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 10 });
  const orderId = randomUUID();
  await probe.send(probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 4 }] }, 'stock', 'action'));
  await probe.nextReplies(1);
  const release = probe.command(ReleaseStock, { orderId, warehouseId: null }, 'stock', 'compensation');
  await probe.send(release, release, probe.command(ReleaseStock, { orderId, warehouseId: null }, 'stock', 'compensation'));
  const replies = await probe.nextReplies(3);

  expect(replies[0]!.body).toEqual({ released: [{ sku, warehouseId: 'WH-EAST', quantity: 4 }] });
  expect(replies[1]!.raw.value).toEqual(replies[0]!.raw.value);
  expect(replies[2]!.raw.value).toEqual(replies[0]!.raw.value);
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 10, reserved: 0, shipped: 0 } });
});

it('lets a release that arrives before its reservation succeed empty, and the late reservation hold nothing', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 10 });
  const orderId = randomUUID();
  await probe.send(
    probe.command(ReleaseStock, { orderId, warehouseId: null }, 'stock', 'compensation'),
    probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 4 }] }, 'stock', 'action'),
  );
  const [release, reserve] = await probe.nextReplies(2);

  expect(release).toMatchObject({ type: ReleaseStockReply.name, body: { released: [] } });
  expect(reserve).toMatchObject({ type: ReserveStockReply.name, body: { outcome: 'ABORTED', allocations: [] } });
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 10, reserved: 0, shipped: 0 } });
});

it('refuses a compensation sent for a command that cannot compensate, with no effect', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 10 });
  const orderId = randomUUID();
  await probe.send(
    probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 1 }] }, 'stock', 'compensation'),
    probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 2 }] }, 'other', 'action'),
  );
  const [reply] = await probe.nextReplies(1);
  expect(reply!.body).toMatchObject({ outcome: 'RESERVED', allocations: [{ sku, quantity: 2 }] });
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 8, reserved: 2, shipped: 0 } });
});

const availability = new MessageRegistry([StockAvailability]);

it('announces the total over warehouses after a reservation and after its release, the version growing each time', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 2, 'WH-WEST': 1 });
  const orderId = randomUUID();
  await probe.send(probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 3 }] }, 'stock', 'action'));
  await probe.nextReplies(1);
  await probe.send(probe.command(ReleaseStock, { orderId, warehouseId: null }, 'stock', 'compensation'));
  await probe.nextReplies(1);

  // Keyed by SKU. The periodic refresh restates states (version 0 before any change, or a version already seen).
  const versions = new Set([0]);
  const messages = await collectMessages(testKafka(), availabilityTopic(testStack().topicPrefix), 2, (message) => {
    if (message.key?.toString() !== sku) return false;
    const { version } = availability.decode(message).body as StockAvailability;
    return !versions.has(version) && Boolean(versions.add(version));
  });
  const [sold, back] = messages.map((message) => availability.decode(message).body as StockAvailability);
  expect(sold).toMatchObject({ sku, available: 0 });
  expect(back).toMatchObject({ sku, available: 3 });
  expect(back!.version).toBeGreaterThan(sold!.version);
});
