import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { api, openStackClients, sellableSku, stockOf, type StackClients } from '@omniflow/devstack/testing';

/**
 * A flash sale on the real stack: 200 customers order one unit of a SKU with 50 in stock, all at once, over
 * HTTP. Exactly 50 orders may complete; stock must end at 0 and never go below it (a CHECK enforces that). Those
 * that arrive once the gateway knows the SKU sold out are refused 409 sold_out and start nothing.
 */
const ORDERS = 200;
const STOCK = 50;

let stack: StackClients;
beforeAll(async () => (stack = await openStackClients()));
afterAll(() => stack.close());

it(`sells exactly ${STOCK} of ${STOCK} to ${ORDERS} concurrent buyers`, async () => {
  const sku = await sellableSku(stack, STOCK, 100);

  const answers = await Promise.all(Array.from({ length: ORDERS }, () => api('POST', '/api/v1/orders', { body: { amount: 1, items: [sku] } })));
  const placed = answers.filter((response) => response.status === 202);
  const refused = answers.filter((response) => response.status === 409);
  expect(placed.length + refused.length).toBe(ORDERS);
  expect(refused.map((response) => response.body.error.code)).toEqual(refused.map(() => 'sold_out'));
  const outcomes = await Promise.all(
    placed.map(async ({ body }) => ((await stack.temporal.workflow.getHandle(workflowIdFor(body.orderId)).result()) as OrderView).status),
  );

  const count = (status: string) => outcomes.filter((outcome) => outcome === status).length;
  expect({ completed: count('COMPLETED'), outOfStock: count('OUT_OF_STOCK') }).toEqual({ completed: STOCK, outOfStock: placed.length - STOCK });
  expect(await stockOf(stack.inventory, sku)).toEqual({ 'WH-EAST': { available: 0, reserved: 0, shipped: STOCK } });
}, 300_000);
