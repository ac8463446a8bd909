const TONE: Record<string, string> = {
  COMPLETED: 'good',
  PAID: 'good',
  SHIPPING: 'info',
  PENDING_REVIEW: 'warn',
  PARTIALLY_SHIPPED: 'warn',
  REJECTED: 'bad',
  CANCELLED: 'bad',
  PAYMENT_FAILED: 'bad',
  OUT_OF_STOCK: 'bad',
  SHIPPING_FAILED: 'bad',
  TIMED_OUT: 'bad',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? 'neutral'}`}>{status}</span>;
}
