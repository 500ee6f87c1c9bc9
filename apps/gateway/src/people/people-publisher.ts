import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import { AccountsService } from './accounts.service.js';

const RETRY_MS = 2_000;

/**
 * Grants in force that are not in the log yet (the bootstrap admin's; a grant whose gateway stopped between
 * the row and the event) are published in the background until the coordination service has them all.
 */
@Injectable()
export class PeoplePublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('People');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private warned = false;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.databaseUrl) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.accounts
        .publishPending()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!this.warned) this.logger.warn(`pending role grants not published yet (retrying every ${RETRY_MS} ms): ${(error as Error).message}`);
          this.warned = true;
          this.schedule(RETRY_MS);
        });
    }, delay);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
