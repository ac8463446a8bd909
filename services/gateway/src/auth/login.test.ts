import { verifyToken } from '@omniflow/lib/auth';
import { CONSOLE_PASSWORD, SECRET, serveGateway } from '../testing/gateway';

/** Console login: a name and password become an 8-hour bearer token of that user's role; nothing else does. */
const gateway = serveGateway();
const login = (body: unknown, headers?: Record<string, string>) => gateway.call('/api/v1/auth/login', { method: 'POST', body, headers });

it.each([
  ['an auditor', 'audrey', 'auditor'],
  ['an operator', 'otto', 'operator'],
])("logs %s in with a token of the user's role", async (_name, username, role) => {
  const response = await login({ username, password: CONSOLE_PASSWORD });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600, sub: username, role });
  expect(verifyToken(SECRET, response.body.token)).toEqual({ sub: username, role });
  // The token works on the API at once.
  const me = await gateway.call('/api/v1/admin/console', { headers: { authorization: `Bearer ${response.body.token}` } });
  expect(me.body).toMatchObject({ sub: username, role });
});

it.each([
  ['a wrong password', { username: 'audrey', password: `${CONSOLE_PASSWORD}!` }],
  ['an unknown user', { username: 'mallory', password: CONSOLE_PASSWORD }],
  ['a password differing in case', { username: 'audrey', password: CONSOLE_PASSWORD.toUpperCase() }],
])('refuses %s with the same 401 and no token', async (_name, body) => {
  const response = await login(body);
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ error: { code: 'invalid_credentials', message: 'wrong username or password' } });
});

it.each<[string, unknown, number, string]>([
  ['no password', { username: 'audrey' }, 400, 'invalid_request'],
  ['an empty password', { username: 'audrey', password: '' }, 400, 'invalid_request'],
  ['a number for a password', { username: 'audrey', password: 1234 }, 400, 'invalid_request'],
  ['an unknown field', { username: 'audrey', password: 'x', role: 'auditor' }, 400, 'invalid_request'],
  ['a password of 10 KiB', { username: 'audrey', password: 'x'.repeat(10_240) }, 400, 'invalid_request'],
  ['an array', [], 400, 'invalid_request'],
  ['malformed JSON', '{"username": ', 400, 'invalid_json'],
])('refuses %s with %i %s', async (_name, body, status, code) => {
  const response = await login(body);
  expect([response.status, response.body.error.code]).toEqual([status, code]);
});

it('refuses form fields as malformed JSON (a form-labelled body is read as JSON), and a text body with 415', async () => {
  const form = await login('username=audrey&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
  expect([form.status, form.body.error.code]).toEqual([400, 'invalid_json']);
  const text = await login('username=audrey&password=x', { 'content-type': 'text/plain' });
  expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
});
