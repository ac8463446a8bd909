import type { OrderStatus } from '@omniflow/contracts/orders';
import type { FlashSaleOptions } from './flash-sale-options';
import { quantiles } from './stats';

/** One buyer of a flash sale and what happened to them; times in ms since the sale opened. */
export interface Buyer {
  n: number;
  sku: string;
  /** Pays with a card the simulated processor declines: a unit it reserves is released again. */
  declines: boolean;
  postAt?: number;
  answeredPostAt?: number;
  /** When the buyer had its answer: the 409, or the end of its workflow. */
  answerAt?: number;
  orderId?: string;
  outcome?: 'REFUSED' | OrderStatus;
}

const latency = (buyer: Buyer) => buyer.answerAt! - buyer.postAt!;
const isLoser = (buyer: Buyer) => buyer.outcome === 'REFUSED' || buyer.outcome === 'OUT_OF_STOCK';
const seconds = (ms: number) => Math.round(ms) / 1000;

/** The sale's figures: outcomes, times, latencies (winners and losers apart), workflows started, oversold/unsold. */
export function summarise(buyers: Buyer[], options: FlashSaleOptions) {
  const count = (outcome: Buyer['outcome']) => buyers.filter((buyer) => buyer.outcome === outcome).length;
  const completed = count('COMPLETED');
  // Per SKU, when the gateway first answered sold_out: the sold-out event had reached it by then.
  const soldOutAt = new Map<string, number>();
  for (const buyer of buyers.filter((b) => b.outcome === 'REFUSED')) {
    soldOutAt.set(buyer.sku, Math.min(soldOutAt.get(buyer.sku) ?? Infinity, buyer.answeredPostAt!));
  }
  const afterSoldOut = (buyer: Buyer) => buyer.postAt! >= (soldOutAt.get(buyer.sku) ?? Infinity);
  const started = buyers.filter((buyer) => buyer.orderId);
  const admittedBeforeSoldOut = started.filter((buyer) => !afterSoldOut(buyer)).length;
  const declined = count('PAYMENT_FAILED');
  const lastPostAt = Math.max(...buyers.map((buyer) => buyer.postAt!));
  // A unit released after the last buyer had posted could not be sold again: nobody was left to buy it.
  const releasedTooLate = buyers.filter((buyer) => buyer.outcome === 'PAYMENT_FAILED' && buyer.answerAt! > lastPostAt).length;
  const winners = buyers.filter((buyer) => buyer.outcome === 'COMPLETED');
  const lastWinnerAt = Math.max(0, ...winners.map((buyer) => buyer.answerAt!));
  return {
    outcomes: { completed, refusedSoldOut: count('REFUSED'), outOfStock: count('OUT_OF_STOCK'), paymentDeclined: declined, other: buyers.length - completed - count('REFUSED') - count('OUT_OF_STOCK') - declined },
    secondsUntilSoldOut: soldOutAt.size > 0 ? seconds(Math.min(...soldOutAt.values())) : null,
    secondsUntilLastUnitSold: seconds(lastWinnerAt),
    secondsUntilEveryBuyerAnswered: seconds(Math.max(...buyers.map((buyer) => buyer.answerAt!))),
    ordersCompletedPerSecond: lastWinnerAt > 0 ? Math.round((completed / lastWinnerAt) * 100_000) / 100 : 0,
    latencyMs: {
      winners: quantiles(winners.map(latency)),
      losers: quantiles(buyers.filter(isLoser).map(latency)),
      losersOnceSoldOut: quantiles(buyers.filter((buyer) => isLoser(buyer) && afterSoldOut(buyer)).map(latency)),
    },
    workflowsStarted: started.length,
    /** S + buyers admitted before the sold-out event reached the gateway + units released by declined cards. */
    workflowsBound: options.stock + admittedBeforeSoldOut + declined,
    admittedBeforeSoldOut,
    oversold: Math.max(0, completed - options.stock),
    unsold: Math.max(0, options.stock - completed),
    releasedAfterLastBuyer: releasedTooLate,
  };
}

export type FlashSaleFigures = ReturnType<typeof summarise>;
