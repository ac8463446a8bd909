import { createHmac } from 'node:crypto';
import type { Request } from 'express';
import { signToken } from '@omniflow/lib/auth';
import { HttpError } from '../http/errors';
import { SECRET } from '../testing/gateway';
import { authenticate } from './authenticate';
import { GUEST } from './caller';

const withAuthorization = (header: string | undefined) => ({ get: () => header }) as unknown as Request;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** A JWT put together by hand, as an attacker would: any header, any claims, signed or not. */
function handMade(alg: 'none' | 'HS256' | 'HS512', claims: object): string {
  const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims)}`;
  const signature = alg === 'none' ? '' : createHmac(alg === 'HS256' ? 'sha256' : 'sha512', SECRET).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

describe('authenticate', () => {
  it('takes a request without an Authorization header for a guest', () => {
    expect(authenticate(withAuthorization(undefined), SECRET)).toBe(GUEST);
  });

  it('believes a hand-made HS256 token with the right claims (so the refusals below are for their one flaw)', () => {
    expect(authenticate(withAuthorization(`Bearer ${handMade('HS256', { sub: 'audrey', role: 'auditor', exp: inAnHour() })}`), SECRET)).toEqual({
      sub: 'audrey',
      role: 'auditor',
    });
  });

  it.each([
    ['a customer', 'Bearer', { sub: 'alice', role: 'customer' as const }],
    ['an auditor, with the scheme in lower case', 'bearer', { sub: 'audrey@omniflow', role: 'auditor' as const }],
  ])('believes a valid token of %s', (_name, scheme, principal) => {
    expect(authenticate(withAuthorization(`${scheme} ${signToken(SECRET, principal)}`), SECRET)).toEqual(principal);
  });

  it.each<[string, string]>([
    ['an empty header', ''],
    ['another scheme', `Basic ${Buffer.from('alice:pw').toString('base64')}`],
    ['Bearer with no token', 'Bearer '],
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['a token signed with another secret', `Bearer ${signToken('another-secret-that-is-32-chars-long!', { sub: 'alice', role: 'customer' })}`],
    ['an expired token', `Bearer ${signToken(SECRET, { sub: 'alice', role: 'customer' }, -10)}`],
    ['an unsigned token (alg none)', `Bearer ${handMade('none', { sub: 'audrey', role: 'auditor', exp: inAnHour() })}`],
    ['a token signed with HS512', `Bearer ${handMade('HS512', { sub: 'audrey', role: 'auditor', exp: inAnHour() })}`],
    ['a token that never expires', `Bearer ${handMade('HS256', { sub: 'audrey', role: 'auditor' })}`],
    ['a token with an unknown role', `Bearer ${handMade('HS256', { sub: 'mallory', role: 'admin', exp: inAnHour() })}`],
    ['a token with no subject', `Bearer ${handMade('HS256', { role: 'customer', exp: inAnHour() })}`],
    ['a token claiming to be the guest', `Bearer ${signToken(SECRET, { sub: 'guest', role: 'customer' })}`],
    ['a token whose subject cannot be a customer id', `Bearer ${signToken(SECRET, { sub: 'a b', role: 'customer' })}`],
  ])('refuses %s with 401 and WWW-Authenticate: Bearer, never as a guest', (_name, header) => {
    let error: unknown;
    try {
      authenticate(withAuthorization(header), SECRET);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', headers: { 'WWW-Authenticate': 'Bearer' } });
  });
});
