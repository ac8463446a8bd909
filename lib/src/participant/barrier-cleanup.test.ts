import { barrierCleanupConfig } from './barrier-cleanup';
import { loadConfig } from '../config';

describe('barrier retention', () => {
  it('must outlive the command topics, whose messages Kafka can still redeliver', () => {
    expect(() => loadConfig(barrierCleanupConfig, { BARRIER_RETENTION: '6d' })).toThrow(/BARRIER_RETENTION: must be longer than the command topics' retention \(7d\)/);
    expect(loadConfig(barrierCleanupConfig, {})).toEqual({ BARRIER_RETENTION: 14 * 86_400_000, BARRIER_CLEANUP_INTERVAL: 3_600_000 });
  });
});
