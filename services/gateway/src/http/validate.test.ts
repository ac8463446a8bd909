import { parseOrderRequest } from '../orders/request';
import { HttpError } from './errors';

function problemOf(body: unknown): string {
  try {
    parseOrderRequest(body);
  } catch (err) {
    if (err instanceof HttpError) return `${err.status} ${err.code} ${err.message}`;
    throw err;
  }
  throw new Error('accepted');
}

describe('parseWith', () => {
  it('names the field that is wrong inside an item that is an object, not just the item', () => {
    expect(problemOf({ items: [{ sku: 'iPhone15', qty: 0 }] })).toMatch(/^400 invalid_request items\.0\.qty: /);
  });

  it('says an item is neither a SKU nor an object when it is neither', () => {
    expect(problemOf({ items: [5] })).toMatch(/^400 invalid_request items\.0: /);
  });
});
