import { Router } from 'express';
import type { AdminDeps } from './admin-deps';
import { authenticateStaff } from './staff';

/** GET /api/v1/admin/console: who is signed in and where the console's links point. */
export function consoleRoutes({ console, authSecret }: AdminDeps): Router {
  return Router().get('/api/v1/admin/console', (req, res) => {
    const caller = authenticateStaff(req, authSecret);
    res.json({ sub: caller.sub, role: caller.role, ...console });
  });
}
