/** The console's pages live after `#`, so the gateway serves one file and a reload keeps the page. */
export type Route =
  | { page: 'orders'; status: string | null }
  | { page: 'order'; orderId: string }
  | { page: 'review' }
  | { page: 'inventory' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'orders' && parts.length === 2 && UUID.test(parts[1]!)) return { page: 'order', orderId: parts[1]! };
  if (parts[0] === 'review' && parts.length === 1) return { page: 'review' };
  if (parts[0] === 'inventory' && parts.length === 1) return { page: 'inventory' };
  return { page: 'orders', status: new URLSearchParams(query).get('status') || null };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'orders':
      return route.status ? `#/orders?status=${encodeURIComponent(route.status)}` : '#/orders';
    case 'order':
      return `#/orders/${route.orderId}`;
    case 'review':
      return '#/review';
    case 'inventory':
      return '#/inventory';
  }
}
