import { decide, slotId, type BarrierEntry, type BarrierKey, type Slot, type StoredReply } from './barrier';

/** The barrier's rules for a batch, without SQL: what each command may do, given what its rows held before. */
const reply = (text: string): StoredReply => ({ type: 'Reply', payload: Buffer.from(text) });
const LATE = reply('late: aborted');
const action = (key: string): BarrierEntry => ({ key: { idempotencyKey: key, op: 'action', commandType: 'Reserve' } });
const compensation = (key: string): BarrierEntry => ({
  key: { idempotencyKey: key, op: 'compensation', commandType: 'Release' },
  compensated: { commandType: 'Reserve', lateReply: LATE },
});

/** Rows as `admit` finds them: stored ones hold a reply, every other key of the batch is a fresh placeholder. */
function slots(entries: BarrierEntry[], stored: Record<string, StoredReply> = {}): Map<string, Slot> {
  const keys: Pick<BarrierKey, 'idempotencyKey' | 'op'>[] = entries.flatMap((entry) => [entry.key, ...(entry.compensated ? [{ idempotencyKey: entry.key.idempotencyKey, op: 'action' as const }] : [])]);
  return new Map(
    keys.map((key) => {
      const id = slotId(key);
      const reply = stored[`${key.idempotencyKey}/${key.op}`];
      return [id, reply ? { state: 'stored', reply } : { state: 'open' }];
    }),
  );
}

it('applies a first delivery and answers a redelivery from its stored row', () => {
  const entries = [action('a'), action('b')];
  expect(decide(entries, slots(entries, { 'b/action': reply('b') }))).toEqual([
    { kind: 'apply', nullCompensation: false },
    { kind: 'stored', reply: reply('b') },
  ]);
});

it('answers a duplicate inside the batch with the reply of the first, applying it once', () => {
  const entries = [action('a'), action('b'), action('a')];
  expect(decide(entries, slots(entries))).toEqual([
    { kind: 'apply', nullCompensation: false },
    { kind: 'apply', nullCompensation: false },
    { kind: 'repeat', of: 0 },
  ]);
});

it('lets a compensation after its action in the batch undo it (no null compensation)', () => {
  const entries = [action('a'), compensation('a')];
  expect(decide(entries, slots(entries))).toEqual([
    { kind: 'apply', nullCompensation: false },
    { kind: 'apply', nullCompensation: false },
  ]);
});

it('makes a compensation before its action a null compensation, and the later action in the batch a no-op', () => {
  const entries = [compensation('a'), action('a'), compensation('a')];
  expect(decide(entries, slots(entries))).toEqual([
    { kind: 'apply', nullCompensation: true },
    { kind: 'stored', reply: LATE },
    { kind: 'repeat', of: 0 },
  ]);
});

it('undoes an action answered in an earlier batch, and repeats a compensation answered before', () => {
  const entries = [compensation('a'), compensation('b')];
  expect(decide(entries, slots(entries, { 'a/action': reply('a'), 'b/compensation': reply('b undone'), 'b/action': reply('b') }))).toEqual([
    { kind: 'apply', nullCompensation: false },
    { kind: 'stored', reply: reply('b undone') },
  ]);
});
