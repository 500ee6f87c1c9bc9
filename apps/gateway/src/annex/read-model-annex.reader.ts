import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HubError, type AnnexPeriod, type AnnexReport, type AnnexScope, type CampaignDefinition } from '@hub/domain';
import { annexReport, createReadModelDataSource } from '@hub/persistence';
import type { DataSource } from 'typeorm';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { AnnexReader } from './annex.reader.js';

/** Reads annex totals from the projector's PostgreSQL read models. */
@Injectable()
export class ReadModelAnnexReader implements AnnexReader, OnModuleDestroy {
  private dataSource: Promise<DataSource> | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async report(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod): Promise<AnnexReport> {
    return annexReport(await this.connection(), definition, scope, period);
  }

  /** Connected on first use, so the gateway starts (and answers submissions) while PostgreSQL is still coming up. */
  private connection(): Promise<DataSource> {
    const url = this.config.databaseUrl;
    if (!url) return Promise.reject(new HubError('SERVICE_UNAVAILABLE', 'no DATABASE_URL: the annex needs the read models'));
    this.dataSource ??= createReadModelDataSource(url, { applicationName: 'gateway', poolSize: 4 })
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
