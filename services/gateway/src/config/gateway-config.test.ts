import { ConfigError } from '@omniflow/lib';
import { loadGatewayConfig } from './gateway-config';

const required = { DATABASE_URL: 'mysql://omniflow:omniflow@127.0.0.1:3307/omniflow_orders', AUTH_JWT_SECRET: 's'.repeat(32) };

describe('loadGatewayConfig', () => {
  it('starts orders under the default policy: review above 10000, 30m review, 10m payment, 15s replies', () => {
    expect(loadGatewayConfig(required).policy).toEqual({
      reviewThresholdCents: 10_000_00,
      reviewTimeoutMs: 30 * 60_000,
      paymentTimeoutMs: 10 * 60_000,
      replyTimeoutMs: 15_000,
    });
  });

  it('reads the policy from the environment, in cents and milliseconds', () => {
    const config = loadGatewayConfig({ ...required, REVIEW_THRESHOLD: '99.5', REVIEW_TIMEOUT: '8s', PAYMENT_TIMEOUT: '6000', COMMAND_REPLY_TIMEOUT: '500ms' });
    expect(config.policy).toEqual({ reviewThresholdCents: 99_50, reviewTimeoutMs: 8_000, paymentTimeoutMs: 6_000, replyTimeoutMs: 500 });
  });

  it.each([
    ['no token secret', { AUTH_JWT_SECRET: undefined }, 'AUTH_JWT_SECRET'],
    ['a short token secret', { AUTH_JWT_SECRET: 's'.repeat(31) }, 'AUTH_JWT_SECRET'],
    ['a threshold with 3 decimals', { REVIEW_THRESHOLD: '1.005' }, 'REVIEW_THRESHOLD'],
    ['a negative threshold', { REVIEW_THRESHOLD: '-1' }, 'REVIEW_THRESHOLD'],
    ['a duration without a known unit', { PAYMENT_TIMEOUT: '10 minutes' }, 'PAYMENT_TIMEOUT'],
    ['a zero duration', { COMMAND_REPLY_TIMEOUT: '0s' }, 'COMMAND_REPLY_TIMEOUT'],
  ])('refuses to start with %s, naming the variable', (_name, override, variable) => {
    expect(() => loadGatewayConfig({ ...required, ...override })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...required, ...override })).toThrow(variable);
  });
});
