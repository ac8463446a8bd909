import { Router } from 'express';
import { checkReadiness, type HealthCheck } from '@omniflow/lib';

/** Liveness (the process answers) and readiness (MySQL and Temporal answer: 200, else 503 naming what does not). */
export function healthRoutes(checks: Record<string, HealthCheck>): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const readiness = await checkReadiness(checks);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  return router;
}
