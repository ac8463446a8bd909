import { serveGateway } from '../testing/gateway';

const gateway = serveGateway({ consoleDir: '/nonexistent/console/dist' });

it('answers 503 console_not_built, saying how to build it, when the console was not built', async () => {
  const response = await gateway.call('/console/');
  expect([response.status, response.body.error.code]).toEqual([503, 'console_not_built']);
  expect(response.body.error.message).toMatch(/npm run build/);
});
