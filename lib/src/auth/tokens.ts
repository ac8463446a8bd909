import jwt, { type JwtPayload, type SignOptions } from 'jsonwebtoken';

/**
 * Bearer tokens: HS256 JWTs whose claims are `{ sub, role, iat, exp }`. The gateway verifies them; devstack,
 * tests and any login service mint them with the same shared secret.
 */
/** customer: their own orders; auditor: every order, review decisions, the console; operator: read-only console (orders, topics, stock). */
export type Role = 'customer' | 'auditor' | 'operator';

export interface Principal {
  /** Who the token speaks for: a customer id, or an auditor's name. */
  sub: string;
  role: Role;
}

export const ROLES: readonly Role[] = ['customer', 'auditor', 'operator'];
/** 32 characters: 256 bits as base64url, the size of the HMAC-SHA256 key that HS256 wants at the least. */
export const MIN_TOKEN_SECRET_LENGTH = 32;
/** The one algorithm accepted: pinning it stops `alg: none` and algorithm-confusion tokens. */
const ALGORITHM = 'HS256';

/** Why a token was refused, in words a client can act on. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

export function signToken(secret: string, principal: Principal, expiresIn: SignOptions['expiresIn'] = '1h'): string {
  requireStrongSecret(secret);
  return jwt.sign({ sub: principal.sub, role: principal.role }, secret, { algorithm: ALGORITHM, expiresIn });
}

/** Returns who the token speaks for, or throws a TokenError: bad signature, expired, malformed, no expiry, unknown role. */
export function verifyToken(secret: string, token: string): Principal {
  requireStrongSecret(secret);
  let claims: string | JwtPayload;
  try {
    claims = jwt.verify(token, secret, { algorithms: [ALGORITHM] });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new TokenError('token has expired');
    if (err instanceof jwt.JsonWebTokenError || err instanceof jwt.NotBeforeError) throw new TokenError(`invalid token: ${err.message}`);
    throw err;
  }
  if (typeof claims === 'string') throw new TokenError('invalid token: claims are not a JSON object');
  // A token that never expires cannot be taken back once leaked; signToken always sets one.
  if (typeof claims.exp !== 'number') throw new TokenError('invalid token: no expiry (exp)');
  const { sub, role } = claims as { sub?: unknown; role?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new TokenError('invalid token: no subject (sub)');
  if (!ROLES.includes(role as Role)) throw new TokenError(`invalid token: role must be one of ${ROLES.join(', ')}`);
  return { sub, role: role as Role };
}

function requireStrongSecret(secret: string): void {
  if (secret.length < MIN_TOKEN_SECRET_LENGTH) {
    throw new Error(`the token secret must be at least ${MIN_TOKEN_SECRET_LENGTH} characters`);
  }
}
