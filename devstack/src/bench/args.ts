/** A whole number >= 1 given after `flag`, or an error saying so. */
export function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number >= 1`);
  return n;
}
