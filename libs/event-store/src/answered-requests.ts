import { RequestOne, type Msg } from '@nats-io/transport-node';

interface RequestOneInternals {
  deferred: { resolve(msg: Msg): void };
  timer?: { cancel(): void };
  mux: { cancel(request: unknown): void };
  resolver(error: Error | null, msg: Msg): void;
}

let installed = false;

/**
 * nats.js 3.4 ends every answered request (each intake request, each JetStream publish's ack) by rejecting its
 * already-resolved promise with a new RequestError, a stack trace nobody sees (`noAsyncTraces` does not cover it):
 * ~2% of the gateway's and of the department service's CPU per single-event request. An answered request is
 * settled here as nats.js settles it — resolve, stop the timer, leave the mux — without that Error. Failures
 * (timeouts, no responders, permissions) still take nats.js's own path. Process-wide and idempotent.
 */
export function settleAnsweredRequestsQuietly(): void {
  if (installed) return;
  const prototype = RequestOne.prototype as unknown as RequestOneInternals;
  const resolveOrFail = prototype.resolver;
  prototype.resolver = function settle(this: RequestOneInternals, error: Error | null, msg: Msg): void {
    if (error) {
      resolveOrFail.call(this, error, msg);
      return;
    }
    this.timer?.cancel();
    this.deferred.resolve(msg);
    this.mux.cancel(this);
  };
  installed = true;
}
