import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { campaignContributions } from '@hub/persistence';
import { DEFAULT_CATCH_UP_THRESHOLD, type ProjectorConfig } from './projector.config.js';
import { ProjectionLoop, type ProjectionLoopOptions } from './projection-loop.js';
import { PROJECTOR_CONFIG, PROJECTOR_HOOKS, PROJECTOR_NATS } from './tokens.js';

export type ProjectorHooks = Pick<ProjectionLoopOptions, 'onPartialWrite' | 'onBatch' | 'onSessionError' | 'onCaughtUp' | 'retryDelayMs'>;

/** Runs the projection loop for the application's lifetime (the read models are migrated before this starts). */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  readonly loop: ProjectionLoop;

  constructor(
    @Inject(PROJECTOR_CONFIG) config: ProjectorConfig,
    @Inject(PROJECTOR_NATS) nc: NatsConnection,
    @Optional() @Inject(PROJECTOR_HOOKS) hooks: ProjectorHooks | null,
  ) {
    this.loop = new ProjectionLoop({
      nc,
      databaseUrl: config.databaseUrl,
      schema: config.schema,
      stream: config.stream,
      consumer: config.consumer,
      batchSize: config.batchSize,
      ...(config.minBatchIntervalMs === undefined ? {} : { minBatchIntervalMs: config.minBatchIntervalMs }),
      catchUpThreshold: config.catchUpThreshold ?? DEFAULT_CATCH_UP_THRESHOLD,
      contributionsOf: campaignContributions(),
      logger: this.logger,
      ...hooks,
    });
  }

  /** Bootstrap completes (and `startProjector` resolves) once the loop is consuming. */
  async onApplicationBootstrap(): Promise<void> {
    await this.loop.start();
  }

  // Shutdown (not destroy) so the loop stops before its NATS connection and DataSource are closed.
  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
