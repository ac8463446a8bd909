/** A warehouse no carrier serves in the test profile, so tests can make a parcel fail on purpose. */
export const TEST_UNSERVICEABLE_WAREHOUSE = 'WH-NOCARRIER';

/**
 * The test profile's order policy. The timer paths themselves are tested with per-order policies of a few
 * seconds (workflows started through Temporal), so the gateway's clocks here are long: a flash sale of 200
 * orders on a loaded CI machine must not time a charge out. Replies retry sooner than in production. The
 * simulated slow payment takes longer than any per-order payment time-out a test sets.
 */
export const TEST_TIMEOUTS = {
  REVIEW_TIMEOUT: '2m',
  PAYMENT_TIMEOUT: '2m',
  COMMAND_REPLY_TIMEOUT: '10s',
  SIMULATED_PROVIDER_DELAY_MS: '12000',
} as const;
