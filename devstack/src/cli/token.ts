/**
 * `npm run token -- --role auditor|operator|customer --sub NAME [--expires 8h]`: prints a bearer token signed with the
 * local stack's secret (.omniflow/auth-secret), e.g. for the README's audit call:
 *   curl -H "Authorization: Bearer $(npm run -s token -- --role auditor --sub alice)" ...
 */
import { ROLES, signToken, type Role } from '@omniflow/lib/auth';
import { infraSettings } from '../infra';
import { stackSettings } from '../stack/settings';

function main(argv: string[]): void {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i += 2) options[argv[i]!.replace(/^--/, '')] = argv[i + 1];
  const { role, sub, expires = '8h' } = options;
  if (!ROLES.includes(role as Role) || !sub) {
    throw new Error(`usage: npm run token -- --role ${ROLES.join('|')} --sub NAME [--expires 8h]`);
  }
  const token = signToken(stackSettings('dev', infraSettings()).authSecret, { sub, role: role as Role }, expires as `${number}h`);
  process.stdout.write(`${token}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
