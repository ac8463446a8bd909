import { Op, type Transaction } from 'sequelize';
import { RefundPayment } from '@omniflow/contracts';
import { bodiesOf, type AppliedCommand, type UnitOfWork } from '@omniflow/lib/participant';
import { Payment, Refund } from './models';

type PaymentRow = Pick<Payment, 'id' | 'orderId' | 'idempotencyKey' | 'customerId' | 'amountCents' | 'currency' | 'status' | 'providerReference' | 'reason'>;
type RefundRow = Pick<Refund, 'id' | 'orderId' | 'idempotencyKey' | 'paymentId' | 'amountCents' | 'providerReference' | 'reason'>;

/** What an order refunding in this batch was charged, and what has gone back. */
export interface Charges {
  /** The order's CHARGED payments, by id: a refund is made against the first. */
  payments: PaymentRow[];
  refundedCents: number;
}

/**
 * Payment's working state for one batch. `load` locks the CHARGED payments of every order the batch refunds
 * (`SELECT … FOR UPDATE`) and sums their refunds, so two refunds — in one batch or in two — can never together
 * exceed the charge; charges and refunds made in the batch are seen by the commands after them, and inserted in
 * bulk at the flush.
 */
export class PaymentLedger implements UnitOfWork {
  private readonly charges = new Map<string, Charges>();
  private readonly payments: PaymentRow[] = [];
  private readonly refunds: RefundRow[] = [];

  constructor(private readonly tx: Transaction) {}

  async load(commands: readonly AppliedCommand[]): Promise<void> {
    const orders = [...new Set(bodiesOf(commands, RefundPayment).map((command) => command.orderId))];
    if (orders.length === 0) return;
    const where = { orderId: { [Op.in]: orders } };
    const payments = await Payment.findAll({ where: { ...where, status: 'CHARGED' }, order: [['id', 'ASC']], lock: this.tx.LOCK.UPDATE, transaction: this.tx });
    const refunds = await Refund.findAll({ where, transaction: this.tx });
    for (const orderId of orders) this.charges.set(orderId, { payments: [], refundedCents: 0 });
    for (const payment of payments) this.charges.get(payment.orderId)!.payments.push(payment);
    for (const refund of refunds) this.charges.get(refund.orderId)!.refundedCents += refund.amountCents;
  }

  recordPayment(payment: PaymentRow): void {
    this.payments.push(payment);
    const charges = this.charges.get(payment.orderId);
    if (charges && payment.status === 'CHARGED') {
      charges.payments.push(payment);
      charges.payments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
  }

  /** Only for an order the batch refunds (loaded): its charges and refunds so far, this batch's included. */
  chargesOf(orderId: string): Charges {
    const charges = this.charges.get(orderId);
    if (!charges) throw new Error(`order ${orderId} was not loaded for a refund`);
    return charges;
  }

  recordRefund(refund: RefundRow): void {
    this.refunds.push(refund);
    this.chargesOf(refund.orderId).refundedCents += refund.amountCents;
  }

  async flush(): Promise<void> {
    if (this.payments.length > 0) await Payment.bulkCreate(this.payments, { transaction: this.tx });
    if (this.refunds.length > 0) await Refund.bulkCreate(this.refunds, { transaction: this.tx });
  }
}
