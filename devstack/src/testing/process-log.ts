/** What a test-stack process has logged so far, for assertions on what it wrote there. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProcessName } from '../stack/instances';
import { testStack } from './test-stack';

export function readProcessLog(name: ProcessName): string {
  return readFileSync(resolve(testStack().logDir, `${name}.log`), 'utf8');
}
