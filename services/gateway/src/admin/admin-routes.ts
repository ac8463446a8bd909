import { Router } from 'express';
import { consoleRoutes } from './console-routes';
import type { AdminDeps } from './admin-deps';
import { eventRoutes } from './event-routes';
import { stockRoutes } from './stock-routes';
import { topicRoutes } from './topic-routes';

/** The admin API under /api/v1/admin: read-only, for staff (auditors and operators). */
export function adminRoutes(deps: AdminDeps): Router {
  return Router().use(topicRoutes(deps), stockRoutes(deps), eventRoutes(deps), consoleRoutes(deps));
}
