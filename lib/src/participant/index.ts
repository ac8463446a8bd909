/**
 * The participant runtime, `@omniflow/lib/participant`: what a service needs to take commands off Kafka and
 * apply each exactly once (barrier, handler, reply), and the reliable consumer the orchestrator's reply
 * consumer shares with it.
 */
export * from './barrier';
export * from './barrier-cleanup';
export * from './consume';
export * from './participant';
export * from './participant-metrics';
export * from './participant-service';
export * from './receive';
