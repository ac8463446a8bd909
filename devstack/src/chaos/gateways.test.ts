import { retryAfterMs } from './gateways';

describe('the chaos client’s pause before trying again', () => {
  it.each([
    ['5', 5_000],
    ['0', 0],
    ['120', 30_000],
    [null, 250],
    ['', 250],
    ['Wed, 21 Oct 2026 07:28:00 GMT', 250],
  ])('Retry-After %p → %p ms', (header, pauseMs) => {
    expect(retryAfterMs(header)).toBe(pauseMs);
  });
});
