import express from 'express';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { ConnectionRefusedError } from 'sequelize';
import { errorHandler } from './errors';

/** What a client sees when a route fails with an error that is not an HttpError. */
async function answerTo(error: Error): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const app = express();
  app.get('/', () => {
    throw error;
  });
  app.use(errorHandler(pino({ level: 'silent' })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ready) => server.once('listening', ready));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  } finally {
    server.close();
  }
}

it('answers 503 with Retry-After while a dependency is down (the same request will work shortly)', async () => {
  const refused = new ConnectionRefusedError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3307'), { code: 'ECONNREFUSED' }));
  expect(await answerTo(refused)).toEqual({
    status: 503,
    retryAfter: '2',
    body: { error: { code: 'unavailable', message: 'a service the gateway depends on is unavailable; try again shortly' } },
  });
});

it('answers 500 to a bug, without its details', async () => {
  expect(await answerTo(new TypeError("Cannot read properties of undefined (reading 'sku')"))).toEqual({
    status: 500,
    retryAfter: null,
    body: { error: { code: 'internal_error', message: 'internal error' } },
  });
});
