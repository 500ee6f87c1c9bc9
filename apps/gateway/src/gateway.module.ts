import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@hub/event-store';
import { AnnexController } from './annex/annex.controller.js';
import { ANNEX_READER } from './annex/annex.reader.js';
import { AnnexService } from './annex/annex.service.js';
import { ReadModelAnnexReader } from './annex/read-model-annex.reader.js';
import { TokenRegistry } from './auth/token-registry.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { BearerAuthGuard } from './auth/auth.guard.js';
import { HubErrorFilter } from './common/hub-error.filter.js';
import { EventsController } from './events/events.controller.js';
import { EventsService } from './events/events.service.js';
import { IntakeClient } from './events/intake.client.js';
import type { GatewayConfig } from './gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { CLOCK, systemClock } from './common/clock.js';
import { ReadModels } from './common/read-models.js';
import { ClustersController } from './clusters/clusters.controller.js';
import { ClustersService } from './clusters/clusters.service.js';
import { ReferralDirectory } from './referrals/referral-directory.js';
import { ReferralsController } from './referrals/referrals.controller.js';
import { ReferralsService } from './referrals/referrals.service.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from './tokens.js';

@Module({})
export class GatewayModule implements OnModuleDestroy {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [EventsController, AnnexController, HealthController, ReferralsController, ClustersController, AuditController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        {
          provide: NATS_CONNECTION,
          useFactory: () =>
            connectNats({
              url: config.natsUrl,
              name: 'gateway',
              ...(config.natsSeed ? { seed: config.natsSeed } : {}),
              ...(config.inboxPrefix ? { inboxPrefix: config.inboxPrefix } : {}),
            }),
        },
        { provide: APP_FILTER, useClass: HubErrorFilter },
        TokenRegistry,
        BearerAuthGuard,
        IntakeClient,
        EventsService,
        HealthService,
        { provide: ANNEX_READER, useClass: ReadModelAnnexReader },
        AnnexService,
        { provide: CLOCK, useValue: config.clock ?? systemClock },
        ReadModels,
        ReferralDirectory,
        ReferralsService,
        ClustersService,
        AuditService,
      ],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.nc.drain();
  }
}
