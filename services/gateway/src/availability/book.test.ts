import { AvailabilityBook, REACHABLE_WITHIN_MS } from './book';

/** A book with a clock the test moves, that has joined and learnt the topic's ends (3 messages on partition 0). */
function bookAt(start = 1_000) {
  const clock = { now: start };
  const book = new AvailabilityBook(() => clock.now);
  book.rejoined();
  book.catchUpTo([
    { partition: 0, low: '0', high: '3' },
    { partition: 1, low: '0', high: '0' },
    { partition: 2, low: '5', high: '5' },
  ]);
  book.fetched();
  return { book, clock };
}

/** Reads a history of (sku, available, version) messages as if from partition 0, offsets 0, 1, 2, … */
function readAll(book: AvailabilityBook, history: [string, number, number][]): void {
  history.forEach(([sku, available, version], offset) => {
    book.record({ sku, available, version });
    book.read(0, String(offset));
  });
}

describe('AvailabilityBook', () => {
  it('knows a SKU sold out once caught up with the topic, and only the SKUs at 0', () => {
    const { book } = bookAt();
    readAll(book, [['A', 2, 1], ['A', 0, 2], ['B', 5, 1]]);
    expect(book.caughtUp).toBe(true);
    expect(book.soldOut(['A', 'B', 'C'])).toEqual(['A']);
  });

  it('refuses nothing before it has read up to the ends the topic had when it joined', () => {
    const { book } = bookAt();
    readAll(book, [['A', 0, 2], ['B', 5, 1]]);
    expect(book.soldOut(['A'])).toEqual([]);
    book.read(0, '2');
    expect(book.soldOut(['A'])).toEqual(['A']);
  });

  it('refuses nothing while the ends are not known (just joined, or rejoined after losing Kafka)', () => {
    const { book } = bookAt();
    readAll(book, [['A', 0, 2], ['A', 0, 3], ['A', 0, 4]]);
    expect(book.soldOut(['A'])).toEqual(['A']);
    book.rejoined();
    expect(book.soldOut(['A'])).toEqual([]);
    book.catchUpTo([{ partition: 0, low: '0', high: '4' }]);
    expect(book.soldOut(['A'])).toEqual([]);
    readAll(book, [['A', 0, 2], ['A', 0, 3], ['A', 0, 4], ['A', 0, 5]]);
    expect(book.soldOut(['A'])).toEqual(['A']);
  });

  it('keeps the highest version: a late, older message never undoes a newer one', () => {
    const { book } = bookAt();
    readAll(book, [['A', 1, 5], ['A', 0, 4], ['A', 0, 3]]);
    expect(book.soldOut(['A'])).toEqual([]);
  });

  it('clears a sold-out SKU as soon as a newer message says units came back (a released unit)', () => {
    const { book } = bookAt();
    readAll(book, [['A', 1, 1], ['A', 0, 2], ['B', 1, 1]]);
    expect(book.soldOut(['A'])).toEqual(['A']);
    book.record({ sku: 'A', available: 1, version: 3 });
    expect(book.soldOut(['A'])).toEqual([]);
  });

  it('takes an equal version as a restatement (the periodic refresh, or a correction made outside inventory)', () => {
    const { book } = bookAt();
    readAll(book, [['A', 0, 2], ['B', 1, 1], ['B', 1, 2]]);
    book.record({ sku: 'A', available: 4, version: 2 });
    expect(book.soldOut(['A'])).toEqual([]);
  });

  it(`refuses nothing when Kafka has not answered a fetch for ${REACHABLE_WITHIN_MS / 1000}s, and again once it does`, () => {
    const { book, clock } = bookAt();
    readAll(book, [['A', 0, 2], ['B', 1, 1], ['B', 1, 2]]);
    clock.now += REACHABLE_WITHIN_MS;
    expect(book.soldOut(['A'])).toEqual(['A']);
    clock.now += 1;
    expect(book.reachable).toBe(false);
    expect(book.soldOut(['A'])).toEqual([]);
    book.fetched();
    expect(book.soldOut(['A'])).toEqual(['A']);
  });

  it('never refuses a SKU it knows nothing of, nor one it never heard a 0 for', () => {
    const { book } = bookAt();
    readAll(book, [['A', 3, 1], ['A', 2, 2], ['A', 1, 3]]);
    expect(book.soldOut(['A', 'Z'])).toEqual([]);
  });
});
