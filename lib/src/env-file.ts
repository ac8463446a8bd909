import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError } from './config';

const FLAG = '--env-file';

/**
 * A process's command-line arguments: only `--env-file <path>` (or `--env-file=<path>`, repeatable), which
 * loads KEY=value lines into process.env before the configuration is validated. Node has the same flag, but
 * its own options cannot be passed through `npm run start -w <workspace> -- …`; script arguments can. As with
 * node's flag, a variable already set in the environment wins over every file, and a later file over an
 * earlier one. Anything else is refused, so a mistyped flag is not silently ignored: configuration itself
 * comes from environment variables only.
 */
export function loadEnvFiles(args: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const files: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith(`${FLAG}=`)) files.push(arg.slice(FLAG.length + 1));
    else if (arg === FLAG && args[i + 1] !== undefined) files.push(args[++i]!);
    else if (arg === FLAG) problems.push(`${FLAG}: needs a path`);
    else problems.push(`${arg}: unknown argument (the only one is ${FLAG} <path>; settings are environment variables)`);
  }
  for (const file of files) if (!existsSync(file)) problems.push(`${FLAG} ${file}: no such file`);
  if (problems.length > 0) throw new ConfigError(problems);
  for (const file of files.reverse()) {
    for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) env[name] ??= value;
  }
}
