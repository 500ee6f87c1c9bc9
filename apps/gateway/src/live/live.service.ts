import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { HubError } from '@hub/domain';
import { EventArchiveRepository, PROJECTED_CHANNEL, readModelClientConfig, type EventHead, type ProjectedNotice } from '@hub/persistence';
import { principalLabel, type Principal } from '../auth/principal.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import { ReadModels } from '../common/read-models.js';
import { mayHear } from './visibility.js';

export interface LiveSubscriber {
  principal: Principal;
  send(head: EventHead): void;
  close(): void;
}

const PAGE = 2_000;

/** Open feeds per principal unless configured: a meeting room's browsers, not a thousand sockets on one token. */
export const DEFAULT_LIVE_FEEDS_PER_PRINCIPAL = 20;

/**
 * Fans committed projector batches out to the SSE subscribers. One LISTEN connection per gateway:
 * each NOTIFY (sent inside the batch's transaction, so only after it committed) says how far the
 * archive now goes; the service reads the new event heads once and gives each subscriber what its
 * token may see. Missing a notification loses nothing — the next one covers everything after `sent`.
 */
@Injectable()
export class LiveService implements OnModuleDestroy {
  private readonly logger = new Logger('LiveService');
  private readonly subscribers = new Set<LiveSubscriber>();
  private listener: Promise<pg.Client> | undefined;
  private schema = '';
  /** Highest sequence already fanned out. */
  private sent: number | undefined;
  private target = 0;
  private draining: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly feedsPerPrincipal = new Map<string, number>();
  private readonly maxFeeds: number;

  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.maxFeeds = config.maxLiveFeedsPerPrincipal ?? DEFAULT_LIVE_FEEDS_PER_PRINCIPAL;
  }

  /**
   * Adds a subscriber at once (synchronously, so the caller can tie its removal to the connection before
   * anything awaits) and returns its removal; 429 when its principal already holds the maximum of feeds.
   */
  admit(subscriber: LiveSubscriber): () => void {
    const label = principalLabel(subscriber.principal);
    const open = this.feedsPerPrincipal.get(label) ?? 0;
    if (open >= this.maxFeeds) {
      throw new HubError('RATE_LIMITED', `at most ${this.maxFeeds} live feeds per principal are open at once`, { retryAfterSeconds: 30 });
    }
    this.feedsPerPrincipal.set(label, open + 1);
    this.subscribers.add(subscriber);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.subscribers.delete(subscriber);
      const left = (this.feedsPerPrincipal.get(label) ?? 1) - 1;
      if (left > 0) this.feedsPerPrincipal.set(label, left);
      else this.feedsPerPrincipal.delete(label);
    };
  }

  /** Resolves once the feed is listening (so nothing committed after this is missed). */
  async listening(): Promise<void> {
    await this.listen();
  }

  /** Heads after `afterSeq` that `principal` may see (an EventSource reconnecting with Last-Event-ID). */
  async replay(principal: Principal, afterSeq: number, limit = 1_000): Promise<EventHead[]> {
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const upto = this.sent ?? (await archive.lastSeq());
    return (await archive.headsBetween(afterSeq, upto, limit)).filter((head) => mayHear(principal, head));
  }

  private listen(): Promise<pg.Client> {
    this.listener ??= this.connect().catch((error: unknown) => {
      this.listener = undefined;
      throw error;
    });
    return this.listener;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(readModelClientConfig(this.readModels.databaseUrl(), undefined, 'gateway-live'));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== PROJECTED_CHANNEL || !message.payload) return;
      const notice = JSON.parse(message.payload) as ProjectedNotice;
      if (notice.schema !== this.schema) return; // a rebuild into a private schema
      this.advance(notice.lastSeq);
    });
    await client.connect();
    const [row] = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
    this.schema = row?.schema ?? '';
    await client.query(`LISTEN ${PROJECTED_CHANNEL}`);
    // Start from what is archived now; after a reconnect, catch up on whatever was committed meanwhile.
    const last = await new EventArchiveRepository(await this.readModels.sql()).lastSeq();
    if (this.sent === undefined) this.sent = last;
    this.advance(last);
    return client;
  }

  private lost(client: pg.Client, error: Error): void {
    void this.listener?.then((current) => {
      if (current !== client || this.stopped) return;
      this.listener = undefined;
      this.logger.warn(`live feed lost its PostgreSQL connection (${error.message}); reconnecting`);
      this.scheduleReconnect(500);
    }, () => undefined);
  }

  private scheduleReconnect(delay: number): void {
    if (this.retry || this.stopped || this.subscribers.size === 0) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.listen().catch(() => this.scheduleReconnect(Math.min(delay * 2, 10_000)));
    }, delay);
  }

  private advance(lastSeq: number): void {
    this.target = Math.max(this.target, lastSeq);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Reads new heads page by page up to the target and hands them out, in order, to whoever may hear them. */
  private async drain(): Promise<void> {
    try {
      const archive = new EventArchiveRepository(await this.readModels.sql());
      while (this.sent !== undefined && this.sent < this.target && !this.stopped) {
        const heads = await archive.headsBetween(this.sent, this.target, PAGE);
        if (heads.length === 0) {
          this.sent = this.target;
          break;
        }
        for (const head of heads) for (const subscriber of this.subscribers) if (mayHear(subscriber.principal, head)) subscriber.send(head);
        this.sent = heads[heads.length - 1]?.seq ?? this.target;
      }
    } catch (error) {
      this.logger.warn(`live feed could not read new events: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
    const client = await this.listener?.catch(() => undefined);
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }
}
