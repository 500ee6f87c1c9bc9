import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { answerHealthProbes } from '@hub/event-store';
import { loadCoordinationConfig, type CoordinationConfig } from './coordination.config.js';
import { COORDINATION_NATS, CoordinationModule } from './coordination.module.js';
import type { CoordinationHooks } from './coordination-loop.js';

/** Starts the coordination service (no HTTP); resolves once it is consuming. `hooks` are test seams only. */
export async function startCoordination(config: CoordinationConfig, hooks?: CoordinationHooks): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(CoordinationModule.forConfig(config, hooks), { logger: ['error', 'warn', 'log'], abortOnError: false });
  // Migrated and consuming now: from here on the gateway's readiness probe gets an answer.
  const nc = app.get<NatsConnection>(COORDINATION_NATS);
  answerHealthProbes(nc, 'coordination');
  await nc.flush();
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = await startCoordination(loadCoordinationConfig());
  app.enableShutdownHooks(); // SIGTERM from the launcher: finish the batch in flight, then exit
  process.send?.({ ready: true }); // the launcher waits for this
}
