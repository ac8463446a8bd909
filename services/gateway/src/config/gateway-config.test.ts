import { ConfigError } from '@omniflow/lib';
import { loadGatewayConfig } from './gateway-config';

const required = { DATABASE_URL: 'mysql://omniflow:omniflow@127.0.0.1:3307/omniflow_orders', AUTH_JWT_SECRET: 's'.repeat(32), KAFKA_BROKERS: '127.0.0.1:9092' };

/** Well formed (what the config checks); whether it matches a password is login's concern. */
const HASH = `scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$${'A'.repeat(43)}`;

describe('loadGatewayConfig', () => {
  it('reads console users, the inventory and Temporal UI URLs (trailing slash dropped), and leaves them off when unset', () => {
    const config = loadGatewayConfig({ ...required, CONSOLE_USERS: `alice:auditor:${HASH}, otto:operator:${HASH}`, INVENTORY_URL: 'http://127.0.0.1:8101/', TEMPORAL_UI_URL: 'http://127.0.0.1:8233' });
    expect([...config.CONSOLE_USERS]).toEqual([['alice', { role: 'auditor', passwordHash: HASH }], ['otto', { role: 'operator', passwordHash: HASH }]]);
    expect([config.INVENTORY_URL, config.TEMPORAL_UI_URL]).toEqual(['http://127.0.0.1:8101', 'http://127.0.0.1:8233']);
    const bare = loadGatewayConfig(required);
    expect([bare.CONSOLE_USERS.size, bare.INVENTORY_URL, bare.TEMPORAL_UI_URL]).toEqual([0, null, null]);
  });

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
    ['no Kafka brokers', { KAFKA_BROKERS: undefined }, 'KAFKA_BROKERS'],
    ['an inventory URL that is not http', { INVENTORY_URL: 'ftp://inventory' }, 'INVENTORY_URL'],
    ['a Temporal UI URL that is not a URL', { TEMPORAL_UI_URL: 'localhost:8233' }, 'TEMPORAL_UI_URL'],
    ['a console user without a hash', { CONSOLE_USERS: 'alice:auditor' }, 'entry "alice": must be name:role:hash'],
    ['a console user with a plain-text password', { CONSOLE_USERS: 'alice:auditor:hunter2' }, 'entry "alice": hash must be'],
    ['a console customer', { CONSOLE_USERS: `carol:customer:${HASH}` }, 'entry "carol": role must be one of auditor, operator'],
    ['a console user named twice', { CONSOLE_USERS: `alice:auditor:${HASH},alice:operator:${HASH}` }, 'entry "alice": name given twice'],
    ['a console user whose name is no subject', { CONSOLE_USERS: `a b:auditor:${HASH}` }, 'entry "a b": name must be'],
  ])('refuses to start with %s, naming the variable', (_name, override, variable) => {
    expect(() => loadGatewayConfig({ ...required, ...override })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...required, ...override })).toThrow(variable);
  });
});
