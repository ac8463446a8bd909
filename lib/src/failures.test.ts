import { ConnectionRefusedError, DatabaseError, UniqueConstraintError } from 'sequelize';
import { failureKind } from './failures';

/** Errors shaped as the libraries throw them (same classes, names and nesting), without a live server. */
function kafkaError(name: string, type?: string, cause?: Error): Error {
  return Object.assign(new Error(`${name} ${type ?? ''}`), { name, type, cause });
}

function mysqlError(code: string, fatal = false): Error {
  return Object.assign(new Error(code), { code, fatal, sql: 'SELECT 1' });
}

it('calls a database that is down or restarting transient', () => {
  expect(failureKind(new ConnectionRefusedError(mysqlError('ECONNREFUSED')))).toBe('transient');
  expect(failureKind(new DatabaseError(mysqlError('PROTOCOL_CONNECTION_LOST', true) as never))).toBe('transient');
  expect(failureKind(new DatabaseError(mysqlError('ER_LOCK_WAIT_TIMEOUT') as never))).toBe('transient');
});

it('calls a broker that is down or electing transient, wherever kafkajs nests the cause', () => {
  expect(failureKind(kafkaError('KafkaJSConnectionError'))).toBe('transient');
  expect(failureKind(kafkaError('KafkaJSNumberOfRetriesExceeded', undefined, kafkaError('KafkaJSProtocolError', 'LEADER_NOT_AVAILABLE')))).toBe(
    'transient',
  );
});

it('calls Temporal unavailable transient', () => {
  expect(failureKind(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBe('transient');
});

it('calls a missing topic permanent, even inside a retriable wrapper', () => {
  const missing = kafkaError('KafkaJSProtocolError', 'UNKNOWN_TOPIC_OR_PARTITION');
  expect(failureKind(missing)).toBe('permanent');
  expect(failureKind(kafkaError('KafkaJSNumberOfRetriesExceeded', undefined, missing))).toBe('permanent');
});

it('calls everything else unknown: handler bugs and data errors', () => {
  expect(failureKind(new TypeError("Cannot read properties of undefined (reading 'sku')"))).toBe('unknown');
  expect(failureKind(new UniqueConstraintError({ message: 'duplicate' }))).toBe('unknown');
  expect(failureKind(new DatabaseError(mysqlError('ER_BAD_FIELD_ERROR') as never))).toBe('unknown');
  expect(failureKind('a string thrown by mistake')).toBe('unknown');
});
