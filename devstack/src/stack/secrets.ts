import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT } from '../infra';

/** A random secret made on first use and kept beside the infrastructure, so tokens survive restarts. */
export function authSecret(): string {
  return keptSecret('auth-secret', 32);
}

/** The console auditor's password, made once per checkout like the auth secret. */
export function consolePassword(): string {
  return keptSecret('console-password', 18);
}

/** `bytes` random bytes (base64url) made on first use and kept in .omniflow/<name> (mode 600). */
function keptSecret(name: string, bytes: number): string {
  const file = resolve(REPO_ROOT, '.omniflow', name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(bytes).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
