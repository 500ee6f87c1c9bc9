import { errors } from '@nats-io/transport-node';

/**
 * Runs a JetStream API request again when it times out, at most `attempts` times in all. In a cluster that just
 * lost a node the meta leader may still place a new consumer on the lost peer (or be elected anew) and the
 * request gets no answer within its timeout; a fresh request is placed again and answered. Any other error is
 * thrown at once.
 */
export async function retryOnTimeout<T>(request: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attempts || !(error instanceof errors.TimeoutError)) throw error;
    }
  }
}
