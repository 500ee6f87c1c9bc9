import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { COORDINATION_MANUAL_SUBJECT, COORDINATION_ROLE_SUBJECT } from '@hub/domain';
import { connectNats } from '@hub/event-store';
import { migrateReadModels } from '@hub/persistence';
import { parseManualRequest } from './manual-protocol.js';
import { parseRoleRequest } from './role-protocol.js';
import type { CoordinationConfig } from './coordination.config.js';
import { CoordinationLoop, type CoordinationHooks } from './coordination-loop.js';
import { coordinationDataSourceOptions } from './persistence/index.js';

export const COORDINATION_CONFIG = Symbol('COORDINATION_CONFIG');
export const COORDINATION_NATS = Symbol('COORDINATION_NATS');
export const COORDINATION_HOOKS = Symbol('COORDINATION_HOOKS');

/** Migrates the coordination schema, runs the loop, and answers coordinators' link/unlink requests. */
@Injectable()
export class CoordinationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Coordination');
  readonly loop: CoordinationLoop;
  private subscriptions: Subscription[] = [];

  constructor(
    @Inject(COORDINATION_CONFIG) private readonly config: CoordinationConfig,
    @Inject(COORDINATION_NATS) private readonly nc: NatsConnection,
    @Inject(COORDINATION_HOOKS) hooks: CoordinationHooks | null,
  ) {
    this.loop = new CoordinationLoop(nc, config, this.logger, hooks ?? {});
  }

  async onApplicationBootstrap(): Promise<void> {
    const dataSource = await new DataSource(coordinationDataSourceOptions(this.config.databaseUrl, { schema: this.config.schema, readModelSchema: this.config.readModelSchema, poolSize: 1 })).initialize();
    try {
      await migrateReadModels(dataSource);
    } finally {
      await dataSource.destroy();
    }
    await this.loop.start();
    this.subscriptions.push(this.nc.subscribe(COORDINATION_ROLE_SUBJECT, {
      queue: 'coordination',
      callback: (error, msg) => {
        if (error) return;
        const request = parseRoleRequest(msg.data, new Date());
        const reply = request.ok ? this.loop.publishRole(request.event) : Promise.resolve(request.reply);
        void reply.then((answer) => msg.respond(JSON.stringify(answer))).catch((failure: unknown) => this.logger.error(`role request: ${(failure as Error).message}`));
      },
    }));
    this.subscriptions.push(this.nc.subscribe(COORDINATION_MANUAL_SUBJECT, {
      queue: 'coordination',
      callback: (error, msg) => {
        if (error) return;
        const request = parseManualRequest(msg.data);
        const reply = request.ok ? this.loop.manual(request.command) : Promise.resolve(request.reply);
        void reply.then((answer) => msg.respond(JSON.stringify(answer))).catch((failure: unknown) => this.logger.error(`manual request: ${(failure as Error).message}`));
      },
    }));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await this.loop.stop();
  }
}

@Module({})
export class CoordinationModule implements OnApplicationShutdown {
  constructor(@Inject(COORDINATION_NATS) private readonly nc: NatsConnection) {}

  static forConfig(config: CoordinationConfig, hooks?: CoordinationHooks): DynamicModule {
    return {
      module: CoordinationModule,
      providers: [
        { provide: COORDINATION_CONFIG, useValue: config },
        { provide: COORDINATION_HOOKS, useValue: hooks ?? null },
        {
          provide: COORDINATION_NATS,
          useFactory: () =>
            connectNats({
              url: config.natsUrl,
              name: 'coordination',
              ...(config.natsSeed ? { seed: config.natsSeed } : {}),
              ...(config.inboxPrefix ? { inboxPrefix: config.inboxPrefix } : {}),
            }),
        },
        CoordinationService,
      ],
      exports: [CoordinationService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}
