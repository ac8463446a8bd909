import { SingleBar } from 'cli-progress';

/** How often the progress line is printed when stdout is not a terminal (a log file, CI). */
const LINE_EVERY_MS = 2_000;

/**
 * Units sold, buyers answered and the current answer rate while a flash sale runs: a live bar on a terminal
 * (cli-progress), a line every few seconds otherwise.
 */
export class Progress {
  private sold = 0;
  private done = 0;
  private readonly recent: number[] = [];
  private readonly bar: SingleBar | null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly buyers: number,
    private readonly units: number,
  ) {
    this.bar = process.stdout.isTTY
      ? new SingleBar({ format: 'buyers {bar} {value}/{total} answered | sold {sold}/{units} | {rate} answers/s | {duration}s', hideCursor: true })
      : null;
    this.bar?.start(buyers, 0, this.payload());
    this.timer = setInterval(() => (this.bar ? this.bar.update(this.done, this.payload()) : this.line()), this.bar ? 200 : LINE_EVERY_MS);
  }

  answered(sold: boolean): void {
    this.done++;
    if (sold) this.sold++;
    this.recent.push(Date.now());
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.bar) {
      this.bar.update(this.done, this.payload());
      this.bar.stop();
    } else this.line();
  }

  /** Answers in the last second. */
  private rate(): number {
    const since = Date.now() - 1_000;
    while (this.recent.length > 0 && this.recent[0]! < since) this.recent.shift();
    return this.recent.length;
  }

  private payload() {
    return { sold: this.sold, units: this.units, rate: this.rate() };
  }

  private line(): void {
    console.log(`[flash-sale] answered ${this.done}/${this.buyers}, sold ${this.sold}/${this.units}, ${this.rate()} answers/s`);
  }
}
