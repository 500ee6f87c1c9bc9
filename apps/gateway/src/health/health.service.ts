import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { healthSubject, type HealthReply } from '@hub/domain';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { defaultReadinessServices, type GatewayConfig } from '../gateway.config.js';

/**
 * What /health/ready answers to anyone who asks (no token): whether each part is ready, nothing else —
 * no counts, no error texts (those go to the log, once per change).
 */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, boolean>;
}

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Ready means the whole hub can take a submission and show it: the gateway's NATS (with the event stream)
 * and PostgreSQL, and every service it depends on answering its readiness probe over NATS (a department
 * only once its id index is rebuilt; projector and coordination once they consume).
 */
@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly logger = new Logger('Health');
  private readonly pool: pg.Pool | undefined;
  private readonly services: readonly string[];
  /** Last outcome of each check, so a failure is logged when it starts and when it ends, not on every probe. */
  private readonly last = new Map<string, boolean>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.pool = config.databaseUrl
      ? new pg.Pool({ connectionString: config.databaseUrl, max: 1, connectionTimeoutMillis: PROBE_TIMEOUT_MS })
      : undefined;
    this.services = config.readinessServices ?? defaultReadinessServices();
  }

  async check(): Promise<ReadinessReport> {
    const probes: [string, () => Promise<void>][] = [
      ['nats', () => this.stream()],
      ...(this.pool ? [['postgres', () => this.postgres()] as [string, () => Promise<void>]] : []),
      ...this.services.map((service): [string, () => Promise<void>] => [service, () => this.service(service)]),
    ];
    const outcomes = await Promise.all(probes.map(async ([name, run]) => [name, await this.probe(name, run)] as const));
    const checks = Object.fromEntries(outcomes);
    return { ready: outcomes.every(([, ok]) => ok), checks };
  }

  private async stream(): Promise<void> {
    const jsm = await jetstreamManager(this.nc, { timeout: PROBE_TIMEOUT_MS, checkAPI: false });
    await jsm.streams.info(this.config.stream);
  }

  private async postgres(): Promise<void> {
    await this.pool?.query('select 1');
  }

  /** No responders (not started, or still rebuilding) fails at once; a hung service after the timeout. */
  private async service(service: string): Promise<void> {
    const reply = await this.nc.request(healthSubject(service), '', { timeout: PROBE_TIMEOUT_MS });
    if (!(reply.json<HealthReply>()).ready) throw new Error('answered not ready');
  }

  private async probe(name: string, run: () => Promise<void>): Promise<boolean> {
    let ok = true;
    let detail = '';
    try {
      await run();
    } catch (error) {
      ok = false;
      detail = (error as Error).message;
    }
    if (this.last.get(name) !== ok) {
      if (ok) this.logger.log(`readiness: ${name} ready`);
      else this.logger.warn(`readiness: ${name} not ready (${detail})`);
      this.last.set(name, ok);
    }
    return ok;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }
}
