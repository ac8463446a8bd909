import { InFlightCommands } from './in-flight';

const reserve = { topic: 'inventory.commands', command: 'inventory.ReserveStock' };

it('times a command from send to its reply, once', async () => {
  const inFlight = new InFlightCommands();
  inFlight.sent('m-1', reserve);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const answered = inFlight.answered('m-1');
  expect(answered).toMatchObject(reserve);
  expect(answered!.seconds).toBeGreaterThanOrEqual(0.015);
  expect(answered!.seconds).toBeLessThan(10);
  // A second reply to the same command (a redelivery answered from the barrier) is not timed again.
  expect(inFlight.answered('m-1')).toBeUndefined();
});

it('knows nothing of commands it did not send', () => {
  expect(new InFlightCommands().answered('sent-by-another-instance')).toBeUndefined();
});

it('forgets the oldest command once full, so unanswered commands cannot grow without bound', () => {
  const inFlight = new InFlightCommands(2);
  inFlight.sent('m-1', reserve);
  inFlight.sent('m-2', reserve);
  inFlight.sent('m-3', reserve);
  expect(inFlight.answered('m-1')).toBeUndefined();
  expect(inFlight.answered('m-2')).toBeDefined();
  expect(inFlight.answered('m-3')).toBeDefined();
});
