import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly pool: pg.Pool | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.pool = config.databaseUrl
      ? new pg.Pool({ connectionString: config.databaseUrl, max: 1, connectionTimeoutMillis: PROBE_TIMEOUT_MS })
      : undefined;
  }

  async check(): Promise<ReadinessReport> {
    const checks: ReadinessReport['checks'] = {
      nats: await probe(async () => {
        const jsm = await jetstreamManager(this.nc, { timeout: PROBE_TIMEOUT_MS, checkAPI: false });
        const info = await jsm.streams.info(this.config.stream);
        return `${info.config.name}: ${info.state.messages} events`;
      }),
    };
    if (this.pool) {
      const pool = this.pool;
      checks.postgres = await probe(async () => {
        await pool.query('select 1');
        return 'reachable';
      });
    }
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }
}

async function probe(run: () => Promise<string>): Promise<{ ok: boolean; detail?: string }> {
  try {
    return { ok: true, detail: await run() };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
