/** Where the test stack is: the test profile's settings, read from the running infrastructure once per process. */
import { infraSettings } from '../infra';
import { stackSettings, type StackSettings } from '../stack/settings';

let settings: StackSettings | undefined;

export function testStack(): StackSettings {
  settings ??= stackSettings('test', infraSettings());
  return settings;
}
