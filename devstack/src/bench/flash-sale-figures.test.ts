import { summarise, type Buyer } from './flash-sale-figures';

const options = { stock: 2, buyers: 6, concurrency: 2, declineShare: 0, skus: 1 };
const buyer = (n: number, outcome: Buyer['outcome'], postAt: number, answerAt: number, orderId?: string): Buyer => ({
  n,
  sku: 'A',
  declines: outcome === 'PAYMENT_FAILED',
  postAt,
  answeredPostAt: outcome === 'REFUSED' ? answerAt : postAt + 5,
  answerAt,
  outcome,
  ...(orderId && { orderId }),
});

describe('flash sale figures', () => {
  it('tells winners from losers, counts workflows admitted before the first sold_out, and finds nothing oversold or unsold', () => {
    const figures = summarise(
      [
        buyer(0, 'COMPLETED', 0, 900, 'o0'),
        buyer(1, 'COMPLETED', 10, 1000, 'o1'),
        buyer(2, 'OUT_OF_STOCK', 20, 300, 'o2'),
        buyer(3, 'REFUSED', 400, 404),
        buyer(4, 'REFUSED', 410, 412),
        buyer(5, 'OUT_OF_STOCK', 405, 700, 'o5'),
      ],
      options,
    );
    expect(figures.outcomes).toEqual({ completed: 2, refusedSoldOut: 2, outOfStock: 2, paymentDeclined: 0, other: 0 });
    expect(figures).toMatchObject({ secondsUntilSoldOut: 0.404, secondsUntilLastUnitSold: 1, workflowsStarted: 4, admittedBeforeSoldOut: 3, workflowsBound: 5 });
    expect(figures.latencyMs.winners).toMatchObject({ n: 2, p50: 990 });
    expect(figures.latencyMs.losers.n).toBe(4);
    // Buyer 5 posted after the first refusal: a loser once sold out, though let through.
    expect(figures.latencyMs.losersOnceSoldOut).toMatchObject({ n: 2, p99: 295 });
    expect({ oversold: figures.oversold, unsold: figures.unsold }).toEqual({ oversold: 0, unsold: 0 });
  });

  it('counts a unit unsold, and one released after the last buyer had posted as too late to sell', () => {
    const figures = summarise([buyer(0, 'COMPLETED', 0, 900, 'o0'), buyer(1, 'PAYMENT_FAILED', 10, 800, 'o1'), buyer(2, 'REFUSED', 20, 25)], options);
    expect(figures).toMatchObject({ oversold: 0, unsold: 1, releasedAfterLastBuyer: 1, workflowsBound: 2 + 2 + 1 });
  });
});
