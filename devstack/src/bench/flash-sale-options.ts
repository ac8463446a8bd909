/** What `npm run bench -- flash-sale` is asked to run: its flags, read from the command line. */
import { positive } from './args';

export interface FlashSaleOptions {
  stock: number;
  buyers: number;
  concurrency: number;
  declineShare: number;
  skus: number;
}

const USAGE = 'usage: npm run bench -- flash-sale --stock S --buyers B --concurrency C [--decline-share P] [--skus K]';

export function parseFlashSaleArgs(argv: string[]): FlashSaleOptions {
  const options: FlashSaleOptions = { stock: 1000, buyers: 20_000, concurrency: 64, declineShare: 0, skus: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (flag === '--stock') options.stock = positive(flag, value);
    else if (flag === '--buyers') options.buyers = positive(flag, value);
    else if (flag === '--concurrency') options.concurrency = positive(flag, value);
    else if (flag === '--skus') options.skus = positive(flag, value);
    else if (flag === '--decline-share') {
      options.declineShare = Number(value);
      if (!(options.declineShare >= 0 && options.declineShare < 1)) throw new Error(`--decline-share needs a number in [0, 1)\n${USAGE}`);
    } else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  if (options.skus > options.stock) throw new Error(`--skus must not exceed --stock\n${USAGE}`);
  return options;
}
