/**
 * The routes an Express 5 app has registered, read from its router's stack (router 2.x: a route layer has
 * `route.path` and `route.methods`; a mounted router is a layer whose handle has a `stack`, mounted at
 * `rawPath`). Test support only: this is what the OpenAPI check compares the document against.
 */
import type { Express } from 'express';

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

export interface RegisteredRoute {
  method: string;
  /** In OpenAPI's form: `/api/v1/orders/{id}` for Express's `/api/v1/orders/:id`. */
  path: string;
}

export function registeredRoutes(app: Express): RegisteredRoute[] {
  return walk((app.router as unknown as { stack: Layer[] }).stack, '');
}

function walk(stack: Layer[], prefix: string): RegisteredRoute[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = openApiPath(prefix, layer.route.path);
      return Object.keys(layer.route.methods).map((method) => ({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path }));
    }
    if (layer.handle?.stack) return walk(layer.handle.stack, layer.rawPath === '/' ? prefix : openApiPath(prefix, layer.rawPath));
    return [];
  });
}

/** Express's `:name` parameters as OpenAPI's `{name}`; a pattern OpenAPI cannot state is an error, not a guess. */
function openApiPath(prefix: string, path: unknown): string {
  if (typeof path !== 'string' || /[*?(){}]/.test(path)) throw new Error(`route path ${String(path)} has no OpenAPI equivalent`);
  return `${prefix}${path}`.replace(/:(\w+)/g, '{$1}');
}

/** Where an app and an OpenAPI document's paths disagree: routes without an operation, operations without a route. */
export function routeCoverage(app: Express, paths: Record<string, object>): { undocumented: string[]; unrouted: string[] } {
  const routed = registeredRoutes(app).map(({ method, path }) => `${method} ${path}`);
  const documented = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  return {
    undocumented: routed.filter((route) => !documented.includes(route)),
    unrouted: documented.filter((operation) => !routed.includes(operation)),
  };
}
