/** `npm run chaos`'s options: CI's size by default (`npm test` runs it so), a fresh seed unless one is given. */
export interface ChaosOptions {
  orders: number;
  rate: number;
  gapMs: [number, number];
  minKills: number;
  seed: number;
  copies: number;
  quiesceSeconds: number;
}

const USAGE =
  'usage: npm run chaos -- [--orders 200] [--rate 4] [--kill-gap 3-6] [--min-kills 12] [--seed N] [--copies 2] [--quiesce-timeout 900]';

export function parseChaosOptions(argv: string[]): ChaosOptions {
  const options: ChaosOptions = {
    orders: 200,
    rate: 4,
    gapMs: [3_000, 6_000],
    minKills: 12,
    seed: Math.floor(Math.random() * 2 ** 31),
    copies: 2,
    quiesceSeconds: 900,
  };
  const number = (flag: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number >= ${min}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (flag === '--orders') options.orders = Math.floor(number(flag, value, 1));
    else if (flag === '--rate') options.rate = number(flag, value, 0.1);
    else if (flag === '--min-kills') options.minKills = Math.floor(number(flag, value, 0));
    else if (flag === '--seed') options.seed = Math.floor(number(flag, value, 0));
    else if (flag === '--copies') options.copies = Math.floor(number(flag, value, 1));
    else if (flag === '--quiesce-timeout') options.quiesceSeconds = number(flag, value, 1);
    else if (flag === '--kill-gap') {
      const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value ?? '');
      if (!match || Number(match[1]) > Number(match[2])) throw new Error(`--kill-gap needs MIN-MAX seconds, e.g. 2-5\n${USAGE}`);
      options.gapMs = [Number(match[1]) * 1000, Number(match[2]) * 1000];
    } else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return options;
}
