import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, type Session } from './api';
import { Console, type ConsoleContext } from './context';
import { OrderChanges, followOrderChanges, type LiveStatus } from './live';
import { InventoryPage } from './pages/InventoryPage';
import { Login } from './pages/Login';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { ReviewPage } from './pages/ReviewPage';
import { hrefOf, parseRoute, type Route } from './route';

/** Kept for this tab only: closing the tab signs out, and another tab signs in on its own. */
const SESSION_KEY = 'omniflow.console.session';

function savedSession(): Session | null {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
  } catch {
    return null;
  }
}

export function App() {
  const [session, setSession] = useState<Session | null>(savedSession);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const signIn = (next: Session) => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    setSession(next);
  };
  const signOut = useCallback(() => {
    sessionStorage.removeItem(SESSION_KEY);
    setSession(null);
  }, []);

  if (!session) return <Login onLogin={signIn} />;
  return <SignedIn key={session.token} session={session} route={route} onSignOut={signOut} />;
}

function SignedIn({ session, route, onSignOut }: { session: Session; route: Route; onSignOut: () => void }) {
  const changes = useMemo(() => new OrderChanges(), []);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [settings, setSettings] = useState<{ temporalUiUrl: string | null; temporalNamespace: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return onSignOut();
      setError((err as Error).message);
    },
    [onSignOut],
  );

  useEffect(() => {
    api<{ temporalUiUrl: string | null; temporalNamespace: string }>('/api/v1/admin/console', session.token).then(setSettings, fail);
    return followOrderChanges(session.token, (change) => changes.publish(change), setLive, onSignOut);
  }, [session.token, changes, fail, onSignOut]);

  const context: ConsoleContext | null = settings && { session, changes, fail, ...settings };
  const tab = (target: Route, label: string) => (
    <a href={hrefOf(target)} className={route.page === target.page ? 'active' : undefined}>
      {label}
    </a>
  );
  return (
    <div className="shell">
      <nav>
        <strong>OmniFlow</strong>
        {tab({ page: 'orders', status: null }, 'Orders')}
        {tab({ page: 'review' }, 'Review queue')}
        {tab({ page: 'inventory' }, 'Inventory')}
        <span className={`live ${live}`} title="order changes arrive without reloading" data-live={live}>
          {live === 'live' ? '● live' : live === 'connecting' ? '○ connecting' : '○ reconnecting'}
        </span>
        <span className="who">
          {session.sub} ({session.role})
        </span>
        <button type="button" onClick={onSignOut}>
          Log out
        </button>
      </nav>
      {error && (
        <p role="alert" className="error banner" onClick={() => setError(null)}>
          {error}
        </p>
      )}
      <main>
        {context ? (
          <Console.Provider value={context}>
            {route.page === 'orders' && <OrdersPage status={route.status} />}
            {route.page === 'order' && <OrderPage orderId={route.orderId} />}
            {route.page === 'review' && <ReviewPage />}
            {route.page === 'inventory' && <InventoryPage />}
          </Console.Provider>
        ) : (
          <p>Loading…</p>
        )}
      </main>
    </div>
  );
}
