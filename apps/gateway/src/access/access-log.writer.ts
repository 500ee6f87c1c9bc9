import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { FailureBursts, isFailure, isLogged, type AccessRecord } from '@hub/domain';
import { accessMessages, encodeAccessMessage } from './access-messages.js';
import { NATS_CONNECTION } from '../tokens.js';

const FLUSH_MS = 100;
const FLUSH_AT = 200;
/** Past this many records waiting (NATS away), new ones are dropped and counted, never held in memory unbounded. */
const MAX_PENDING = 20_000;

/**
 * Appends access records to HUB_ACCESS off the request's hot path: a request only pushes its record into
 * a buffer; the buffer is published every 100 ms (or at 200 records) without anyone awaiting it, the records
 * of one kind in one message, one JSON object per line (one JetStream write and ack per message, not per
 * request: at hundreds of requests a second those were a share of the gateway's and nats-server's CPU). Bursts
 * of failures from one source (10 in a minute) are logged as warnings.
 */
@Injectable()
export class AccessLogWriter implements OnModuleDestroy {
  private readonly logger = new Logger('AccessLog');
  private readonly js: JetStreamClient;
  private readonly bursts = new FailureBursts();
  private pending: AccessRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection) {
    this.js = jetstream(nc);
  }

  append(record: AccessRecord): void {
    if (!isLogged(record)) return;
    if (isFailure(record) && this.bursts.note(record.actor ?? `ip:${record.ip}`, Date.parse(record.at))) {
      this.logger.warn(`burst of refused requests from ${record.actor ?? record.ip}: latest ${record.method} ${record.route} → ${record.status}`);
    }
    if (this.pending.length >= MAX_PENDING) {
      this.dropped += 1;
      return;
    }
    this.pending.push(record);
    if (this.pending.length >= FLUSH_AT) this.flushSoon(0);
    else this.flushSoon(FLUSH_MS);
  }

  private flushSoon(delay: number): void {
    if (this.timer !== undefined && delay > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, delay);
    this.timer.unref();
  }

  /** Publishes what is waiting; records NATS refuses are put back for the next round. */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const messages = accessMessages(batch);
    const results = await Promise.allSettled(messages.map(({ subject, records }) => this.js.publish(subject, encodeAccessMessage(records))));
    const failed = messages.flatMap((message, i) => (results[i]?.status === 'rejected' ? message.records : []));
    if (failed.length > 0) {
      this.logger.warn(`${failed.length} access record(s) not stored yet (will retry): ${String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)}`);
      this.pending = [...failed, ...this.pending].slice(0, MAX_PENDING);
      this.flushSoon(1_000);
    }
    if (this.dropped > 0) {
      this.logger.error(`${this.dropped} access record(s) dropped: the access log was unreachable and its buffer full`);
      this.dropped = 0;
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    await this.flushing;
    await this.flush().catch((error: unknown) => this.logger.warn(`access log not flushed at shutdown: ${(error as Error).message}`));
  }
}
