/**
 * Helpers for integration tests (`@omniflow/devstack/testing`): where the test stack is, direct access to its
 * Kafka, MySQL and Temporal, and ways to drive and observe it. Each helper lives in its own file; this is the
 * one import path for them.
 */
export * from './test-stack';
export * from './kafka';
export * from './databases';
export * from './temporal';
export * from './process-log';
export * from './saga';
export * from './clients';
export { TEST_UNSERVICEABLE_WAREHOUSE } from '../stack/test-profile';
export * from './probe';
export * from './http';
export * from './processes';
export * from './metrics';
