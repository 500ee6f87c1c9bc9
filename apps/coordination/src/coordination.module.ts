import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { COORDINATION_MANUAL_SUBJECT, COORDINATION_RETURN_SUBJECT, COORDINATION_ROLE_SUBJECT } from '@hub/domain';
import { connectNats } from '@hub/event-store';
import { migrateReadModels } from '@hub/persistence';
import { gatewayInboxOf, repliesInto } from '@hub/runtime/service-env';
import { parseManualRequest } from './manual-protocol.js';
import { parseReturnRequest, refuseRepeatedReturn } from './return-protocol.js';
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
  private refused = 0;

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
        if (error || !this.fromGateway(msg.reply, COORDINATION_ROLE_SUBJECT)) return;
        const request = parseRoleRequest(msg.data, new Date());
        const reply = request.ok ? this.loop.publishDecision(request.event) : Promise.resolve(request.reply);
        void reply.then((answer) => msg.respond(JSON.stringify(answer))).catch((failure: unknown) => this.logger.error(`role request: ${(failure as Error).message}`));
      },
    }));
    this.subscriptions.push(this.nc.subscribe(COORDINATION_RETURN_SUBJECT, {
      queue: 'coordination',
      callback: (error, msg) => {
        if (error || !this.fromGateway(msg.reply, COORDINATION_RETURN_SUBJECT)) return;
        const request = parseReturnRequest(msg.data, new Date());
        const reply = request.ok ? this.loop.publishDecision(request.event, refuseRepeatedReturn(request.event.data['filedVersion'])) : Promise.resolve(request.reply);
        void reply.then((answer) => msg.respond(JSON.stringify(answer))).catch((failure: unknown) => this.logger.error(`return request: ${(failure as Error).message}`));
      },
    }));
    this.subscriptions.push(this.nc.subscribe(COORDINATION_MANUAL_SUBJECT, {
      queue: 'coordination',
      callback: (error, msg) => {
        if (error || !this.fromGateway(msg.reply, COORDINATION_MANUAL_SUBJECT)) return;
        const request = parseManualRequest(msg.data);
        const reply = request.ok ? this.loop.manual(request.command) : Promise.resolve(request.reply);
        void reply.then((answer) => msg.respond(JSON.stringify(answer))).catch((failure: unknown) => this.logger.error(`manual request: ${(failure as Error).message}`));
      },
    }));
  }

  /**
   * Only the gateway's requests (replies into its inbox) are served: a department's JetStream push consumer
   * delivering to `hub.coord.>` (nats-server 2.9.10 does not check deliver subjects) must not grant roles.
   */
  private fromGateway(reply: string | undefined, subject: string): boolean {
    if (repliesInto(gatewayInboxOf(this.config), reply)) return true;
    if (this.refused++ % 1000 === 0) this.logger.warn(`ignored ${this.refused} message(s) on ${subject} that are not gateway requests (reply ${reply ?? 'none'})`);
    return false;
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
