import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HubError } from '@hub/domain';
import { readModelDataSourceOptions, sqlOfDataSource, type Sql } from '@hub/persistence';
import { clustersDataSourceOptions } from '@hub/read-models';
import { DataSource as TypeOrmDataSource } from 'typeorm';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';

/** Longest a gateway read may run in PostgreSQL (an annex over everything, a briefing) before it is cancelled. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Adds `statement_timeout` to the options every pooled connection starts with (next to the search_path
 * the read models set): a heavy read is cancelled by PostgreSQL itself and answered 503, instead of
 * holding a pool connection and a server process for as long as it likes.
 */
export function withStatementTimeout(options: DataSourceOptions, timeoutMs: number): DataSourceOptions {
  const extra = ((options as { extra?: { options?: string } }).extra ?? {});
  const startup = [extra.options, `-c statement_timeout=${Math.max(1, Math.floor(timeoutMs))}`].filter(Boolean).join(' ');
  return { ...options, extra: { ...extra, options: startup } };
}

/**
 * The projector's read models, as every gateway reader shares them: one pool, connected on first use so
 * the gateway starts (and answers submissions) while PostgreSQL is still coming up.
 */
@Injectable()
export class ReadModels implements OnModuleDestroy {
  private dataSource: Promise<DataSource> | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  connection(): Promise<DataSource> {
    const url = this.config.databaseUrl;
    if (!url) return Promise.reject(new HubError('SERVICE_UNAVAILABLE', 'no DATABASE_URL: this needs the read models'));
    const options = readModelDataSourceOptions(url, { applicationName: 'gateway', poolSize: 4 });
    this.dataSource ??= new TypeOrmDataSource(withStatementTimeout(options, this.timeoutMs()))
      .initialize()
      .catch((error: unknown) => {
        this.dataSource = undefined;
        throw new HubError('SERVICE_UNAVAILABLE', `read models unavailable: ${(error as Error).message}`);
      });
    return this.dataSource;
  }

  /** The PostgreSQL URL (the live feed opens its own LISTEN connection), or 503 without one. */
  databaseUrl(): string {
    if (!this.config.databaseUrl) throw new HubError('SERVICE_UNAVAILABLE', 'no DATABASE_URL: this needs the read models');
    return this.config.databaseUrl;
  }

  private coordination: Promise<DataSource> | undefined;

  /** The coordination service's schema (clusters), with the read models next on the search path. */
  async coordinationSql(): Promise<Sql> {
    const url = this.config.databaseUrl;
    if (!url) throw new HubError('SERVICE_UNAVAILABLE', 'no DATABASE_URL: this needs the coordination state');
    const options = clustersDataSourceOptions(url, { applicationName: 'gateway-coordination', poolSize: 2 });
    this.coordination ??= new TypeOrmDataSource(withStatementTimeout(options, this.timeoutMs()))
      .initialize()
      .catch((error: unknown) => {
        this.coordination = undefined;
        throw new HubError('SERVICE_UNAVAILABLE', `coordination state unavailable: ${(error as Error).message}`);
      });
    return sqlOfDataSource(await this.coordination);
  }

  private timeoutMs(): number {
    return this.config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  }

  async sql(): Promise<Sql> {
    return sqlOfDataSource(await this.connection());
  }

  async onModuleDestroy(): Promise<void> {
    const dataSource = await this.dataSource?.catch(() => undefined);
    await dataSource?.destroy();
    const coordination = await this.coordination?.catch(() => undefined);
    await coordination?.destroy();
  }
}
