import { createContext, useContext } from 'react';
import type { Session } from './api';
import type { OrderChanges } from './live';

/** What every page needs: who is signed in, the live changes, and where Temporal's UI is. */
export interface ConsoleContext {
  session: Session;
  changes: OrderChanges;
  temporalUiUrl: string | null;
  temporalNamespace: string;
  /** Reports a failed call; a 401 signs the user out. */
  fail(error: unknown): void;
}

export const Console = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const context = useContext(Console);
  if (!context) throw new Error('useConsole outside the console');
  return context;
}
