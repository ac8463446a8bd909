import { useEffect, useState } from 'react';
import type { OrderChanges } from './live';
import type { OrderChange } from './orders';

/** The current time, refreshed every `ms`, so ages tick on without a reload. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Calls `listener` for every live order change while the component is shown. */
export function useOrderChanges(changes: OrderChanges, listener: (change: OrderChange) => void): void {
  useEffect(() => changes.listen(listener), [changes, listener]);
}
