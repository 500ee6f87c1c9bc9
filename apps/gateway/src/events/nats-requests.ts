import { createInbox, errors, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';

interface Waiting {
  resolve(msg: Msg): void;
  reject(error: Error): void;
  deadline: number;
  subject: string;
}

/**
 * NATS request/reply, one answer per request, without nats.js's request objects. `nc.request` builds for every
 * request a RequestOne (a token, a deferred promise, a promise with its own timeout timer), registers it in the
 * connection's mux and cancels it again: ~5% of the gateway's CPU per single-event request (CPU profile of bench
 * (h)). Here a request is one publish with a token on one subscription of this object's own (the mux's
 * `<inbox>.*` shape), one entry in a map whose order is its deadlines' (one timeout for all), and one timer armed
 * for the oldest deadline.
 *
 * Failures are the ones `nc.request` gave (nats.js 3.4, mux requests): no answer in time → TimeoutError; a 503
 * status (no responders) → RequestError carrying NoRespondersError as its cause, with its message; the connection
 * closed → RequestError('connection closed') (its cause the mux's own); a publish the server refused (a permission violation, reported by
 * `failPublishes`) → RequestError with its message; a publish on a closed or draining connection throws as nats.js's
 * `_check` threw.
 */
export class NatsRequests {
  private prefix: string | undefined;
  private subscription: Subscription | undefined;
  private readonly pending = new Map<string, Waiting>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {}

  request(subject: string, data: Uint8Array): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      try {
        const prefix = this.prefix ?? this.subscribe();
        const token = (this.next++).toString(36);
        this.nc.publish(subject, data, { reply: prefix + token });
        this.pending.set(token, { resolve, reject, deadline: Date.now() + this.timeoutMs, subject });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.timer ??= setTimeout(() => this.expire(), this.timeoutMs);
    });
  }

  /** The server refused to take a publish to `subject` (permission violation): its requests fail as nats.js failed them. */
  failPublishes(subject: string, error: Error): void {
    for (const [token, waiting] of this.pending) {
      if (waiting.subject !== subject) continue;
      this.pending.delete(token);
      waiting.reject(new errors.RequestError(error.message, { cause: error }));
    }
  }

  /** The subscription every answer comes to, made with the first request (the mux's shape: `<inbox prefix>.<nuid>.<token>`). */
  private subscribe(): string {
    const inboxPrefix = (this.nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
    const prefix = `${createInbox(inboxPrefix)}.`;
    const subscription = this.nc.subscribe(`${prefix}*`, { callback: (error, msg) => this.answer(error, msg) });
    void subscription.closed.then(() => {
      if (this.subscription !== subscription) return;
      this.subscription = undefined;
      this.prefix = undefined;
      this.failAll(new errors.RequestError('connection closed', { cause: new errors.RequestError('connection closed') }));
    });
    this.subscription = subscription;
    this.prefix = prefix;
    return prefix;
  }

  private answer(error: Error | null, msg: Msg | undefined): void {
    if (error) {
      this.failAll(new errors.RequestError(error.message, { cause: error }));
      return;
    }
    if (msg === undefined || this.prefix === undefined) return;
    const token = msg.subject.slice(this.prefix.length);
    const waiting = this.pending.get(token);
    if (waiting === undefined) return; // timed out already
    this.pending.delete(token);
    if (msg.data.length === 0 && msg.headers?.code === 503) {
      const noResponders = new errors.NoRespondersError(waiting.subject);
      waiting.reject(new errors.RequestError(noResponders.message, { cause: noResponders }));
      return;
    }
    waiting.resolve(msg);
  }

  /** Entries were added with one timeout, so they expire in map order: stop at the first still waiting, and wait for it. */
  private expire(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const [token, waiting] of this.pending) {
      if (waiting.deadline > now) {
        this.timer = setTimeout(() => this.expire(), waiting.deadline - now);
        return;
      }
      this.pending.delete(token);
      waiting.reject(new errors.TimeoutError());
    }
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const entry of waiting) entry.reject(error);
  }
}
