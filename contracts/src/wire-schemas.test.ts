import { ALL_COMMAND_TYPES, ALL_EVENT_TYPES, ALL_REPLY_TYPES } from './index';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The schema fingerprint of every message, as written to wire-schemas.json from the schemas that were on the topics
 * when it was made. A consumer refuses a message whose fingerprint is not its own, and the fingerprint covers all
 * that decides the bytes (names, field order, types), so a change here strands messages already on a topic. Edit
 * the file only for a deliberate wire change, never to make this test pass.
 */
const pinned: Record<string, string> = JSON.parse(readFileSync(join(__dirname, 'wire-schemas.json'), 'utf8'));

it('keeps every message on the wire as it was', () => {
  const current = Object.fromEntries([...ALL_COMMAND_TYPES, ...ALL_REPLY_TYPES, ...ALL_EVENT_TYPES].map((type) => [type.name, type.fingerprint]));
  expect(current).toEqual(pinned);
});
