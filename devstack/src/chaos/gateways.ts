/**
 * The chaos run's HTTP client: a customer's app that retries. It spreads calls over every gateway copy and, when
 * one is down (connection refused or reset) or answers 5xx, tries again on the next after a short pause, or after
 * the answer's Retry-After. Only calls that are safe to repeat go through it: orders carry an Idempotency-Key,
 * and a repeated audit or cancel is refused with a 409 once the first took effect.
 */
export interface Answer {
  status: number;
  // The API's JSON, read by the caller that knows its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const PAUSE_MS = 250;

/**
 * A 503 says when to come back (Retry-After, in seconds), and the client obeys as a well-behaved one would: an
 * order that cannot be read is one a swamped worker would have to replay, and asking again every 250 ms only
 * swamps it further. Down gateways (no answer at all) are retried after PAUSE_MS on the other copy.
 */
export function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return header !== null && header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 30) * 1000 : PAUSE_MS;
}

/**
 * A client that keeps trying for this long: as long as the chaos profile's review time-out, since an auditor's
 * decision after that is moot. Overload (every query answered by a replay on a swamped worker) can refuse
 * reads for minutes; giving up sooner would strand orders that the system itself would still finish.
 */
const CALL_DEADLINE_MS = 30 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

export class Gateways {
  private next = 0;
  /** Calls that had to be repeated because a gateway was down or failing, by cause. */
  readonly retries = new Map<string, number>();

  constructor(private readonly urls: string[]) {}

  /** Repeats the call until a gateway answers below 500, for up to `deadlineMs` (then throws). */
  async call(
    method: 'GET' | 'POST',
    path: string,
    options: { token: string; body?: unknown; headers?: Record<string, string>; deadlineMs?: number },
  ): Promise<Answer> {
    const deadlineMs = options.deadlineMs ?? CALL_DEADLINE_MS;
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const url = this.urls[this.next++ % this.urls.length]!;
      let cause: string;
      let pauseMs = PAUSE_MS;
      try {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', ...options.headers },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.status < 500) return { status: response.status, body: text ? JSON.parse(text) : null };
        cause = `HTTP ${response.status}`;
        pauseMs = retryAfterMs(response.headers.get('retry-after'));
      } catch (err) {
        cause = ((err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).name) || 'network error';
      }
      this.retries.set(cause, (this.retries.get(cause) ?? 0) + 1);
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no gateway succeeded for ${deadlineMs / 1000}s (last: ${cause})`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
