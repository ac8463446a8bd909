import { json, operation, PUBLIC, type PathItem } from './parts';
import { ref } from './json-schema';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** What the gateway answers about itself: health for orchestrators and load balancers, metrics, and this document. */
export const servicePaths: Record<string, PathItem> = {
  '/health/live': {
    get: operation({
      operationId: 'liveness',
      tags: ['operations'],
      summary: 'The process answers',
      security: PUBLIC,
      responses: { 200: json('Alive.', ref('Liveness')) },
    }),
  },
  '/health/ready': {
    get: operation({
      operationId: 'readiness',
      tags: ['operations'],
      summary: 'MySQL and Temporal answer within 2 s',
      security: PUBLIC,
      responses: { 200: json('Ready.', ref('Readiness')), 503: json('Not ready: `checks` says which dependency fails and why.', ref('Readiness')) },
    }),
  },
  '/metrics': {
    get: operation({
      operationId: 'metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics: HTTP requests by route and status, orders placed, Node process metrics',
      security: PUBLIC,
      responses: { 200: { description: 'Prometheus text exposition format 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    }),
  },
  [OPENAPI_PATH]: {
    get: operation({
      operationId: 'openApiDocument',
      tags: ['operations'],
      summary: 'This document',
      security: PUBLIC,
      responses: { 200: json('OpenAPI 3.1.', { type: 'object' }) },
    }),
  },
};
