import { resolve } from 'node:path';
import { REPO_ROOT } from '../infra';
import { instanceId, type Instance, type ProcessName } from './instances';
import type { StackSettings } from './settings';

/** Where a running process's pid is kept, written once it is ready (so a new pid there means "back and ready"). */
export function pidFile(settings: StackSettings, instance: ProcessName | Instance): string {
  const id = typeof instance === 'string' ? instance : instanceId(instance);
  return resolve(REPO_ROOT, '.omniflow/run', settings.profile, `${id}.pid`);
}
