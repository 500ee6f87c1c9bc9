import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { connectNats } from '@hub/event-store';
import { migrateReadModels, readModelDataSourceOptions } from '@hub/persistence';
import type { ProjectorConfig } from './projector.config.js';
import { ProjectorService, type ProjectorHooks } from './projector.service.js';
import { PROJECTOR_CONFIG, PROJECTOR_HOOKS, PROJECTOR_NATS } from './tokens.js';

@Module({})
export class ProjectorModule implements OnApplicationShutdown {
  constructor(@Inject(PROJECTOR_NATS) private readonly nc: NatsConnection) {}

  static forConfig(config: ProjectorConfig, hooks?: ProjectorHooks): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => readModelDataSourceOptions(config.databaseUrl, { schema: config.schema, poolSize: 2, applicationName: 'hub-projector-admin' }),
          // Migrations run before anything consumes: the loop only ever sees an up-to-date schema.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrateReadModels(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [
        { provide: PROJECTOR_CONFIG, useValue: config },
        { provide: PROJECTOR_HOOKS, useValue: hooks ?? null },
        {
          provide: PROJECTOR_NATS,
          useFactory: () =>
            connectNats({
              url: config.natsUrl,
              name: 'projector',
              ...(config.natsSeed ? { seed: config.natsSeed } : {}),
              ...(config.inboxPrefix ? { inboxPrefix: config.inboxPrefix } : {}),
            }),
        },
        ProjectorService,
      ],
      exports: [ProjectorService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}
