import { z } from 'zod/v4';
import { hashPassword, isPasswordHash, verifyPassword, type Principal } from '@omniflow/lib/auth';
import { SUBJECT } from './caller';

/** Who may log in to the console: staff only; customers get their tokens elsewhere. */
export type ConsoleRole = 'auditor' | 'operator';
export const CONSOLE_ROLES: readonly ConsoleRole[] = ['auditor', 'operator'];

export interface ConsoleUser {
  role: ConsoleRole;
  /** From hashPassword: `scrypt$N$r$p$salt$hash`. */
  passwordHash: string;
}

/**
 * CONSOLE_USERS: comma-separated `name:role:hash` entries, e.g.
 * `alice:auditor:scrypt$16384$8$1$…$…,otto:operator:scrypt$…` (`npm run console-user` prints one).
 * Unset or empty: nobody can log in to the console (bearer tokens still work).
 */
export const consoleUsersConfig = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const users = new Map<string, ConsoleUser>();
    for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
      const [name = '', role = '', passwordHash = '', ...rest] = entry.split(':');
      const problem =
        rest.length > 0 || !passwordHash
          ? 'must be name:role:hash'
          : !SUBJECT.test(name)
            ? 'name must be 1-64 characters of [A-Za-z0-9._@-]'
            : !CONSOLE_ROLES.includes(role as ConsoleRole)
              ? `role must be one of ${CONSOLE_ROLES.join(', ')}`
              : !isPasswordHash(passwordHash)
                ? 'hash must be scrypt$N$r$p$salt$hash (npm run console-user makes one)'
                : users.has(name)
                  ? 'name given twice'
                  : null;
      if (problem) {
        // The entry's name only: never echo a hash into a log.
        ctx.addIssue({ code: 'custom', message: `entry "${name}": ${problem}` });
        continue;
      }
      users.set(name, { role: role as ConsoleRole, passwordHash });
    }
    return users;
  });

export type ConsoleUsers = ReadonlyMap<string, ConsoleUser>;

/** A hash of nothing anyone knows, checked for unknown names so that they take as long as wrong passwords. */
let decoy: Promise<string> | undefined;

/** The principal for a right name and password; null for anything else, alike in answer and in time. */
export async function checkCredentials(users: ConsoleUsers, name: string, password: string): Promise<Principal | null> {
  const user = users.get(name);
  decoy ??= hashPassword('decoy password for unknown users');
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoy));
  return user && matches ? { sub: name, role: user.role } : null;
}
