import { parseChaosOptions } from './chaos-options';

describe('parseChaosOptions', () => {
  it("is CI's size by default, with a seed of its own", () => {
    const options = parseChaosOptions([]);
    expect(options).toEqual({ orders: 200, rate: 4, gapMs: [3_000, 6_000], minKills: 12, seed: expect.any(Number), copies: 2, quiesceSeconds: 900 });
    expect(Number.isInteger(options.seed)).toBe(true);
  });

  it("takes a long run's flags", () => {
    const argv = ['--orders', '2000', '--rate', '0.9', '--kill-gap', '32-44', '--min-kills', '50', '--seed', '2041', '--copies', '3', '--quiesce-timeout', '60'];
    expect(parseChaosOptions(argv)).toEqual({ orders: 2000, rate: 0.9, gapMs: [32_000, 44_000], minKills: 50, seed: 2041, copies: 3, quiesceSeconds: 60 });
  });

  it.each([
    [['--orders', '0'], '--orders needs a number >= 1'],
    [['--rate', 'fast'], '--rate needs a number >= 0.1'],
    [['--kill-gap', '6-3'], '--kill-gap needs MIN-MAX seconds'],
    [['--kill-gap'], '--kill-gap needs MIN-MAX seconds'],
    [['--verbose'], 'unknown argument --verbose'],
  ])('refuses %j with its usage', (argv, message) => {
    expect(() => parseChaosOptions(argv)).toThrow(message);
    expect(() => parseChaosOptions(argv)).toThrow('usage: npm run chaos');
  });
});
