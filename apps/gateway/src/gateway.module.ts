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
import { AnnexTraceService } from './audit/annex-trace.service.js';
import { BearerAuthGuard } from './auth/auth.guard.js';
import { Authenticator } from './auth/authenticator.js';
import { HubErrorFilter } from './common/hub-error.filter.js';
import { TemplatesController } from './entry/templates.controller.js';
import { UPLOAD_LIMITS, uploadLimitsFromEnv } from './entry/upload-limits.js';
import { UploadStore } from './entry/upload-store.js';
import { UploadsController } from './entry/uploads.controller.js';
import { UploadsService } from './entry/uploads.service.js';
import { EventsController } from './events/events.controller.js';
import { EventsService } from './events/events.service.js';
import { IntakeClient } from './events/intake.client.js';
import type { GatewayConfig } from './gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { CLOCK, systemClock } from './common/clock.js';
import { ClustersController } from './clusters/clusters.controller.js';
import { ClustersService } from './clusters/clusters.service.js';
import { ReferralDirectory } from './referrals/referral-directory.js';
import { ReferralsController } from './referrals/referrals.controller.js';
import { ReferralsService } from './referrals/referrals.service.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from './tokens.js';
import { BriefingController } from './briefing/briefing.controller.js';
import { BriefingService } from './briefing/briefing.service.js';
import { CasesController } from './cases/cases.controller.js';
import { CasesService } from './cases/cases.service.js';
import { RecordsController } from './records/records.controller.js';
import { RecordsService } from './records/records.service.js';
import { ReadModels } from './common/read-models.js';
import { LiveController } from './live/live.controller.js';
import { LiveService } from './live/live.service.js';
import { OverviewController } from './overview/overview.controller.js';
import { OverviewService } from './overview/overview.service.js';
import { ReadinessController } from './readiness/readiness.controller.js';
import { ReadinessService } from './readiness/readiness.service.js';
import { ReturnFilingService } from './readiness/return-filing.service.js';
import { AccessLogService } from './access/access-log.service.js';
import { AccessLogWriter } from './access/access-log.writer.js';
import { SessionController } from './session/session.controller.js';
import { AccountsController } from './people/accounts.controller.js';
import { AccountsService } from './people/accounts.service.js';
import { ApiKeysController } from './people/api-keys.controller.js';
import { ApiKeysService } from './people/api-keys.service.js';
import { PeopleDb } from './people/people-db.js';
import { PeoplePublisher } from './people/people-publisher.js';
import { RolePublisher } from './people/role-publisher.js';
import { OidcController } from './people/oidc.controller.js';
import { OidcSignInService } from './people/oidc-sign-in.service.js';
import { SignInController } from './people/sign-in.controller.js';
import { SignInService } from './people/sign-in.service.js';
import { ClosuresController, GuidanceController, SamplingsController } from './actions/actions.controller.js';
import { ActionsService } from './actions/actions.service.js';
import { TransfersController } from './transfers/transfers.controller.js';
import { TransfersService } from './transfers/transfers.service.js';
import { DrawsController } from './draws/draws.controller.js';
import { DrawsService } from './draws/draws.service.js';
import { OperatorsController } from './operators/operators.controller.js';
import { OperatorsService } from './operators/operators.service.js';
import { TimelineController } from './timeline/timeline.controller.js';
import { TimelineService } from './timeline/timeline.service.js';
import { EntitiesController } from './entities/entities.controller.js';
import { EntitiesService } from './entities/entities.service.js';
import { AttachmentStore } from '@hub/event-store';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportFilingService } from './reports/report-filing.service.js';
import { ReportPackageService } from './reports/report-package.service.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotificationsService } from './notifications/notifications.service.js';

/** The coordinators' views and the live feed (the web UI's API). */
const VIEW_CONTROLLERS = [SessionController, OverviewController, CasesController, RecordsController, TimelineController, ReadinessController, BriefingController, LiveController, OperatorsController, DrawsController, GuidanceController, SamplingsController, ClosuresController, TransfersController, NotificationsController, EntitiesController];
const VIEW_PROVIDERS = [OverviewService, CasesService, RecordsService, TimelineService, ReadinessService, ReturnFilingService, BriefingService, LiveService, OperatorsService, DrawsService, ActionsService, TransfersService, NotificationsService, EntitiesService];
/** People: sign-in, accounts and roles, machine keys. */
const PEOPLE_CONTROLLERS = [SignInController, OidcController, AccountsController, ApiKeysController];
const PEOPLE_PROVIDERS = [PeopleDb, SignInService, OidcSignInService, AccountsService, ApiKeysService, RolePublisher, PeoplePublisher];

/** Clerks' data entry: the spreadsheet template and uploads (stored through EventsService). */
const ENTRY_CONTROLLERS = [TemplatesController, UploadsController];
/** Attachments (object store) and the reporting package: filing as a signed fact, the package zip. */
const REPORT_CONTROLLERS = [AttachmentsController, ReportsController];
const REPORT_PROVIDERS = [
  { provide: AttachmentStore, useFactory: (nc: NatsConnection) => new AttachmentStore(nc), inject: [NATS_CONNECTION] },
  AttachmentsService,
  ReportFilingService,
  ReportPackageService,
];
const ENTRY_PROVIDERS = [{ provide: UPLOAD_LIMITS, useFactory: () => uploadLimitsFromEnv() }, UploadStore, UploadsService];

@Module({})
export class GatewayModule implements OnModuleDestroy {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [EventsController, AnnexController, HealthController, ReferralsController, ClustersController, AuditController, ...VIEW_CONTROLLERS, ...PEOPLE_CONTROLLERS, ...ENTRY_CONTROLLERS, ...REPORT_CONTROLLERS],
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
        Authenticator,
        BearerAuthGuard,
        IntakeClient,
        EventsService,
        HealthService,
        { provide: ANNEX_READER, useClass: ReadModelAnnexReader },
        AnnexService,
        ...VIEW_PROVIDERS,
        { provide: CLOCK, useValue: config.clock ?? systemClock },
        ReadModels,
        ReferralDirectory,
        ReferralsService,
        ClustersService,
        AuditService,
        AccessLogWriter,
        AccessLogService,
        AnnexTraceService,
        ...PEOPLE_PROVIDERS,
        ...ENTRY_PROVIDERS,
        ...REPORT_PROVIDERS,
      ],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.nc.drain();
  }
}
