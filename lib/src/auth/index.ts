/**
 * Staff and customer credentials, `@omniflow/lib/auth`: the gateway verifies tokens and passwords; devstack
 * signs test and CLI tokens and hashes console users' passwords with the same code, so they cannot drift.
 */
export * from './passwords';
export * from './tokens';
