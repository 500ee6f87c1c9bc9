/**
 * Event-store failures, each with a code that does not depend on the transport; the edges map codes
 * to HTTP statuses or to ack/nak/term.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/** The subject's last stored sequence is not the one the writer based its event on. */
export class WrongLastSequenceError extends EventStoreError {
  readonly code = 'WRONG_LAST_SEQUENCE';
  constructor(
    readonly subject: string,
    readonly expectedSeq: number,
    readonly actualSeq: number | undefined,
  ) {
    super(`subject ${subject}: expected last sequence ${expectedSeq}, stream has ${actualSeq ?? 'another'}`);
  }
}

/** NATS or JetStream cannot take or serve the request right now; the caller may retry with the same ids. */
export class StreamUnavailableError extends EventStoreError {
  readonly code = 'STREAM_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A stored message that is not a well-formed hub event (never expected; reported, not skipped). */
export class CorruptEventError extends EventStoreError {
  readonly code = 'CORRUPT_EVENT';
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(`stream sequence ${seq}: ${message}`);
  }
}

/** The stream holds a message the consumer never delivered: the session must restart from its checkpoint. */
export class SkippedMessageError extends EventStoreError {
  readonly code = 'SKIPPED_MESSAGE';
  constructor(
    readonly expected: number,
    readonly delivered: number,
  ) {
    super(`consumer delivered seq ${delivered} but the stream holds ${expected}, which was never delivered`);
  }
}
