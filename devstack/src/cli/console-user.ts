/**
 * `npm run console-user -- --name NAME --role auditor|operator`: prints a CONSOLE_USERS entry for the gateway
 * (`name:role:scrypt-hash`) and the password it was made for. The password comes from CONSOLE_PASSWORD, or is
 * made up here; join several entries with commas.
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@omniflow/lib/auth';

async function main(argv: string[]): Promise<void> {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i += 2) options[argv[i]!.replace(/^--/, '')] = argv[i + 1];
  const { name, role } = options;
  if (!name || !/^[A-Za-z0-9._@-]{1,64}$/.test(name) || (role !== 'auditor' && role !== 'operator')) {
    throw new Error('usage: [CONSOLE_PASSWORD=…] npm run console-user -- --name NAME --role auditor|operator');
  }
  const password = process.env.CONSOLE_PASSWORD || randomBytes(18).toString('base64url');
  process.stderr.write(`password for ${name}: ${process.env.CONSOLE_PASSWORD ? '(from CONSOLE_PASSWORD)' : password}\n`);
  process.stdout.write(`${name}:${role}:${await hashPassword(password)}\n`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
});
