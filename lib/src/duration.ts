import { z } from 'zod/v4';

const MS_PER_UNIT = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)(ms|s|m|h|d)?$/;

/**
 * Reads a duration as operators write it: `500ms`, `45s`, `30m`, `2h`, `14d`, or a plain whole number of
 * milliseconds. Returns milliseconds; throws on anything else, zero included (no timer may be instant).
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration like 500ms, 45s, 30m, 2h, 14d or a whole number of milliseconds`);
  const unit = (match[2] ?? 'ms') as keyof typeof MS_PER_UNIT;
  const ms = Number(match[1]) * MS_PER_UNIT[unit];
  if (ms === 0) throw new Error('a duration must be longer than 0');
  if (!Number.isSafeInteger(ms)) throw new Error(`"${text}" is too long a duration`);
  return ms;
}

/** A config setting holding a duration (see parseDuration), read as milliseconds. */
export const durationSetting = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parseDuration(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });
