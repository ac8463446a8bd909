/** Kafka header names carried by every command and reply. Values are UTF-8 strings. */
export const Header = {
  messageId: 'message-id',
  messageType: 'message-type',
  schemaFingerprint: 'schema-fingerprint',
  orderId: 'order-id',
  workflowId: 'workflow-id',
  activityId: 'activity-id',
  /**
   * Names one saga branch (e.g. `order-<uuid>/stock`). An action and its compensation share it; the participant's
   * barrier tells them apart by message type. It is the same on every retry of the activity that sends it.
   */
  idempotencyKey: 'idempotency-key',
  replyTo: 'reply-to',
  /**
   * `action` or `compensation`. A compensation is paired with the action of the same idempotency key: arriving
   * first, it succeeds without effect and blocks the late action (DTM's null compensation and anti-hanging).
   */
  sagaOp: 'saga-op',
  /** On a reply: the message id of the command it answers. */
  causationId: 'causation-id',
  /**
   * W3C trace context (`00-<trace id>-<span id>-<flags>`): the order's trace, from the HTTP request through the
   * workflow to the participants and back. Optional, so messages written before tracing still decode.
   */
  traceparent: 'traceparent',
  /** On a dead letter: why it could not be processed, and where it was read from. */
  deadLetterReason: 'dead-letter-reason',
  deadLetterSource: 'dead-letter-source',
} as const;

/** Which saga an envelope belongs to and which activity waits for its reply. */
export interface Correlation {
  orderId: string;
  workflowId: string;
  activityId: string;
}

export type SagaOp = 'action' | 'compensation';

export interface CommandEnvelope extends Correlation {
  messageId: string;
  idempotencyKey: string;
  sagaOp: SagaOp;
  replyTo: string;
  traceparent?: string;
}

export interface ReplyEnvelope extends Correlation {
  messageId: string;
  idempotencyKey: string;
  causationId: string;
  traceparent?: string;
}
