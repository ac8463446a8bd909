import { ChargePayment } from '@omniflow/contracts';
import type { ReplySink } from '@omniflow/lib/participant';
import { simulationFor } from './provider';

/**
 * Simulated loss on the way back, for tests: the first reply to a `sim-lost-reply-…` customer's charge is not
 * sent. The charge and its stored reply commit as usual, so the sender's retry is answered from the barrier.
 */
export function losingSimulatedReplies(send: ReplySink): ReplySink {
  return async (replies, announcements) => {
    const lost = new Set(
      replies.filter(
        ({ command, duplicate }) =>
          !duplicate && command.decoded.type.name === ChargePayment.name && simulationFor((command.decoded.body as ChargePayment).customerId).loseReply,
      ),
    );
    for (const { command } of lost) command.log.warn('reply deliberately not sent (simulated loss)');
    await send(replies.filter((reply) => !lost.has(reply)), announcements);
  };
}
