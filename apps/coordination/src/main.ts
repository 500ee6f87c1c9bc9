// First: it loads Nest with its date formatters deferred and its log timestamps written without ICU (~5 MiB).
import '@hub/runtime/logging';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { answerHealthProbes, serveHealthHttp } from '@hub/event-store';
import { holdServiceLease } from '@hub/persistence';
import { collectGarbageWhenIdle } from '@hub/runtime/service-env';
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
  const health = serveHealthHttp(); // HUB_HEALTH_PORT: the orchestrator's probes (deploy/k8s, deploy/compose)
  const config = loadCoordinationConfig();
  // Active/standby: a second instance waits here until the active one's lease ends. The lease is held as long
  // as this process lives (its session closes with it, after the shutdown hooks committed the batch in flight).
  // A waiting standby is healthy in its role (an orchestrator must not hold a rollout for it); not while starting.
  await holdServiceLease(config.databaseUrl, 'coordination', { onStandby: () => health.readyWhen(() => true), onActive: () => health.readyWhen(() => false) });
  const app = await startCoordination(config);
  const nc = app.get<NatsConnection>(COORDINATION_NATS);
  health.readyWhen(() => !nc.isClosed());
  app.enableShutdownHooks(); // SIGTERM from the launcher: finish the batch in flight, then exit
  process.send?.({ ready: true }); // the launcher waits for this
  collectGarbageWhenIdle(); // start-up's (and each burst's) garbage and young generation would stay resident while idle
}
