import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { connectNats, JetStreamEventStore } from '@hub/event-store';
import type { DepartmentConfig } from './department.config.js';
import { intakeControllerFor } from './intake.controller.js';
import { IntakeService } from './intake.service.js';
import { DEPARTMENT_CONFIG, EVENT_STORE } from './tokens.js';

@Module({})
export class DepartmentModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: JetStreamEventStore) {}

  static forDepartment(config: DepartmentConfig): DynamicModule {
    return {
      module: DepartmentModule,
      controllers: [intakeControllerFor(config.department)],
      providers: [
        { provide: DEPARTMENT_CONFIG, useValue: config },
        {
          provide: EVENT_STORE,
          // Its own connection for JetStream, apart from the one Nest's transport serves requests on.
          useFactory: async () =>
            new JetStreamEventStore(
              await connectNats({
                url: config.natsUrl,
                name: `department-${config.department}-store`,
                ...(config.natsSeed ? { seed: config.natsSeed } : {}),
                ...(config.inboxPrefix ? { inboxPrefix: config.inboxPrefix } : {}),
              }),
              config.stream,
            ),
        },
        IntakeService,
      ],
    };
  }

  /** Last of all: the intake service writes its state snapshot from the stream before shutdown (beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.store.nc.drain();
  }
}
