import { resolve } from 'node:path';
import { REPO_ROOT, type InfraSettings } from '../infra';
import { profileUrls, type ProfileUrls } from './ports';
import type { Profile } from './profiles';
import { authSecret, consolePassword } from './secrets';

/** The gateway and the orchestrator are the order side: they share its database (catalog, orders read model). */
export type Database = 'orders' | 'inventory' | 'payment' | 'shipping';
export const DATABASES: readonly Database[] = ['orders', 'inventory', 'payment', 'shipping'];

/** The console account every stack creates. */
const CONSOLE_AUDITOR = 'auditor';

export interface StackSettings extends ProfileUrls {
  profile: Profile;
  infra: InfraSettings;
  topicPrefix: string;
  taskQueue: string;
  /** Where copy 0 of the gateway listens. */
  gatewayUrl: string;
  logDir: string;
  /** Signs and verifies bearer tokens; made once per checkout and kept in .omniflow/auth-secret. */
  authSecret: string;
  /** The console's auditor login; the password is made once per checkout and kept in .omniflow/console-password. */
  consoleLogin: { username: string; password: string };
  databaseUrl(database: Database): string;
}

export function stackSettings(profile: Profile, infra: InfraSettings): StackSettings {
  const { gatewayUrlOf, healthUrl } = profileUrls(profile);
  return {
    profile,
    infra,
    topicPrefix: profile === 'dev' ? '' : `${profile}.`,
    taskQueue: profile === 'dev' ? 'omniflow-orders' : `omniflow-${profile}-orders`,
    gatewayUrl: gatewayUrlOf(0),
    gatewayUrlOf,
    healthUrl,
    logDir: resolve(REPO_ROOT, '.omniflow/logs', profile),
    authSecret: authSecret(),
    consoleLogin: { username: CONSOLE_AUDITOR, password: consolePassword() },
    databaseUrl(database) {
      const url = new URL(infra.MYSQL_URL);
      url.pathname = `/omniflow_${profile === 'dev' ? '' : `${profile}_`}${database}`;
      return url.toString();
    },
  };
}
