import { ConfigError, databaseConfig, kafkaConfig, loadConfig, logConfig } from './config';

const shape = { ...logConfig, ...kafkaConfig, ...databaseConfig };
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(shape, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the configuration was accepted');
};

describe('loadConfig', () => {
  it('reads a valid environment, defaults and transforms applied', () => {
    expect(loadConfig(shape, { KAFKA_BROKERS: '127.0.0.1:9092, kafka:9093', DATABASE_URL: 'mysql://u:p@127.0.0.1:3307/omniflow_x' })).toEqual({
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka:9093'],
      KAFKA_TOPIC_PREFIX: '',
      DATABASE_URL: 'mysql://u:p@127.0.0.1:3307/omniflow_x',
      SEED_DEMO_DATA: false,
    });
  });

  it('says what to set a missing variable to', () => {
    expect(problemsOf({})).toEqual([
      'KAFKA_BROKERS: required, e.g. 127.0.0.1:9092',
      'DATABASE_URL: required, e.g. mysql://user:password@127.0.0.1:3307/omniflow_inventory',
    ]);
  });

  it('lists every problem at once, a DATABASE_URL that is no URL among them rather than thrown', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud', KAFKA_BROKERS: 'nohost', DATABASE_URL: 'not a url' })).toEqual([
      `LOG_LEVEL: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace", received 'loud'`,
      'KAFKA_BROKERS: must be host:port[,host:port...]',
      'DATABASE_URL: must be a URL like mysql://user:password@host:port/database',
      'DATABASE_URL: must start with mysql://',
    ]);
  });

  it('wants a database named in DATABASE_URL', () => {
    expect(problemsOf({ KAFKA_BROKERS: 'a:1', DATABASE_URL: 'mysql://u:p@h:1/' })).toEqual(['DATABASE_URL: must name a database ([A-Za-z0-9_]+)']);
  });
});
