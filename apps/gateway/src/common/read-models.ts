import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HubError } from '@hub/domain';
import { createReadModelDataSource, sqlOfDataSource, type Sql } from '@hub/persistence';
import type { DataSource } from 'typeorm';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../tokens.js';

/**
 * The read models the coordinator views query (overview, cases, timeline, readiness, briefing, live feed).
 * Connected on first use, so the gateway starts — and accepts submissions — while PostgreSQL comes up.
 */
@Injectable()
export class ReadModels implements OnModuleDestroy {
  private dataSource: Promise<DataSource> | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async sql(): Promise<Sql> {
    return sqlOfDataSource(await this.connection());
  }

  /** The PostgreSQL URL (the live feed opens its own LISTEN connection), or 503 without one. */
  databaseUrl(): string {
    const url = this.config.databaseUrl;
    if (!url) throw new HubError('SERVICE_UNAVAILABLE', 'no DATABASE_URL: this view needs the read models');
    return url;
  }

  private connection(): Promise<DataSource> {
    let url: string;
    try {
      url = this.databaseUrl();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.dataSource ??= createReadModelDataSource(url, { applicationName: 'gateway-views', poolSize: 4 })
      .initialize()
      .catch((error: unknown) => {
        this.dataSource = undefined;
        throw new HubError('SERVICE_UNAVAILABLE', `read models unavailable: ${(error as Error).message}`);
      });
    return this.dataSource;
  }

  async onModuleDestroy(): Promise<void> {
    const dataSource = await this.dataSource?.catch(() => undefined);
    await dataSource?.destroy();
  }
}
