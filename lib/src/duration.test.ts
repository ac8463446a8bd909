import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['14d', 1_209_600_000],
    ['1500', 1_500],
    [' 10s ', 10_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0', '0s', '-5s', '1.5s', '10 s', '10w', 's', '10S', '1e3', '9'.repeat(20)])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow();
  });
});
