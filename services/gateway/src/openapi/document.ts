import { adminPaths } from './admin-paths';
import { consolePaths } from './console-paths';
import { orderPaths } from './orders-paths';
import type { PathItem } from './parts';
import { schemas } from './schemas';
import { servicePaths } from './service-paths';

/**
 * Every route of the gateway, one module per area. A new route is added to its area's paths (or a new area
 * here); routes.test.ts fails while the app and this document disagree.
 */
const paths: Record<string, PathItem> = { ...orderPaths, ...adminPaths, ...consolePaths, ...servicePaths };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'OmniFlow gateway',
    version: '1.0.0',
    description:
      'Orders placed over HTTP run as a Temporal saga across inventory, payment and shipping. Every client mistake is ' +
      `a 4xx \`{"error": {"code", "message"}}\` that changes nothing; a URL path that is not valid percent-encoded UTF-8 is ` +
      '`400 invalid_url` on every path. A JSON body may also come labelled `application/x-www-form-urlencoded` (as `curl -d` ' +
      'sends it) or unlabelled: it is read as JSON all the same.',
    license: { name: 'Proprietary', identifier: 'LicenseRef-OmniFlow-Proprietary' },
  },
  // Relative: the gateway that serves this document is the one it describes, wherever it is deployed.
  servers: [{ url: '/' }],
  tags: [
    { name: 'orders', description: 'Place, read, list, audit and cancel orders.' },
    { name: 'admin', description: 'Staff only (auditors and operators), read-only: Kafka topics and messages, stock, live order changes.' },
    { name: 'console', description: 'The web console for staff, and its login.' },
    { name: 'operations', description: 'Health and this document.' },
  ],
  paths,
  components: {
    schemas,
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'HS256 JWT `{sub, role: "customer" | "auditor" | "operator", exp}`. Without a token the caller is a guest. ' +
          'Auditors and operators are staff: they may use the admin API, and get a token from `POST /api/v1/auth/login`.',
      },
    },
  },
};
