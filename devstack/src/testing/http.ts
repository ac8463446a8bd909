/** Calls the test stack's gateway as a client would; bearer tokens are signed with the stack's secret. */
import { signToken, type Role } from '@omniflow/lib/auth';
import { testStack } from './test-stack';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // The API's JSON; each test says what it expects in it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function tokenFor(sub: string, role: Role): string {
  return signToken(testStack().authSecret, { sub, role });
}

export async function api(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${testStack().gatewayUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
