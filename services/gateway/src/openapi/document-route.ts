import { Router } from 'express';
import { openApiDocument } from './document';
import { OPENAPI_PATH } from './service-paths';

/** Serves the OpenAPI document: public, like the API's shape itself; tools such as Swagger UI read it from here. */
export function openApiRoutes(): Router {
  const body = JSON.stringify(openApiDocument);
  return Router().get(OPENAPI_PATH, (_req, res) => {
    res.type('application/json').send(body);
  });
}
