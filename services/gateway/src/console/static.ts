import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { HttpError } from '../http/errors';

/**
 * The console's built files at /console/ (a single page; its routes live after `#`, so every path here is a
 * real file). Vite names assets by content hash, so they may be cached for good; index.html must not be.
 */
export function consoleFiles(consoleDir: string): Router {
  const router = Router();
  if (!existsSync(join(consoleDir, 'index.html'))) {
    router.use('/console', () => {
      throw new HttpError(503, 'console_not_built', `the console is not built (no ${join(consoleDir, 'index.html')}); run npm run build`);
    });
    return router;
  }
  // Relative asset URLs need the trailing slash; Express matches /console/ here too (non-strict routing).
  router.get('/console', (req, res, next) => (req.path === '/console' ? res.redirect(301, '/console/') : next()));
  router.use('/console/assets', express.static(join(consoleDir, 'assets'), { immutable: true, maxAge: '365d' }));
  router.use('/console', express.static(consoleDir, { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  return router;
}
