import express from 'express';
import pino from 'pino';
import { createApp } from '../app';
import { fakeAppDeps } from '../testing/gateway';
import { routeCoverage } from '../testing/registered-routes';
import { openApiDocument } from './document';

const app = createApp(fakeAppDeps(), pino({ level: 'silent' }));

/**
 * The document and the app agree route for route. Adding a route without documenting it (or documenting one
 * that does not exist) fails here: add the operation to its area's paths in openapi/ (see document.ts).
 */
it('documents every route the gateway serves, and nothing it does not', () => {
  expect(routeCoverage(app, openApiDocument.paths)).toEqual({ undocumented: [], unrouted: [] });
});

it('finds the routes of routers mounted at a path, and reports what is missing either way', () => {
  const extended = createApp(fakeAppDeps(), pino({ level: 'silent' }));
  extended.use('/admin', express.Router().get('/stock/:sku', (_req, res) => void res.end()));
  const paths = { ...openApiDocument.paths, '/api/v1/nowhere': { get: {} } };
  expect(routeCoverage(extended, paths)).toEqual({ undocumented: ['GET /admin/stock/{sku}'], unrouted: ['GET /api/v1/nowhere'] });
});
