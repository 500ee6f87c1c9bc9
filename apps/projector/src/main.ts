// First: it loads Nest with its date formatters deferred and its log timestamps written without ICU (~5 MiB).
import '@hub/runtime/logging';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { answerHealthProbes, serveHealthHttp } from '@hub/event-store';
import { holdServiceLease } from '@hub/persistence';
import { collectGarbageWhenIdle } from '@hub/runtime/service-env';
import { loadProjectorConfig, type ProjectorConfig } from './projector.config.js';
import { ProjectorModule } from './projector.module.js';
import type { ProjectorHooks } from './projector.service.js';
import { PROJECTOR_NATS } from './tokens.js';

/**
 * Starts the projector as a Nest application context (no HTTP): migrates the read models, then consumes
 * HUB_EVENTS into PostgreSQL. Resolves once it is consuming. `hooks` are test seams only.
 */
export async function startProjector(config: ProjectorConfig, hooks?: ProjectorHooks): Promise<INestApplicationContext> {
  // createApplicationContext runs init(): migrations, then the loop's first session, before it resolves.
  const app = await NestFactory.createApplicationContext(ProjectorModule.forConfig(config, hooks), { logger: ['error', 'warn', 'log'], abortOnError: false });
  // Consuming now: from here on the gateway's readiness probe gets an answer.
  const nc = app.get<NatsConnection>(PROJECTOR_NATS);
  answerHealthProbes(nc, 'projector');
  await nc.flush();
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const health = serveHealthHttp(); // HUB_HEALTH_PORT: the orchestrator's probes (deploy/k8s, deploy/compose)
  const config = loadProjectorConfig();
  // Active/standby: a second instance waits here until the active one's lease ends. The lease is held as long
  // as this process lives (its session closes with it, after the shutdown hooks committed the batch in flight).
  // A waiting standby is healthy in its role (an orchestrator must not hold a rollout for it); not while starting.
  await holdServiceLease(config.databaseUrl, 'projector', { onStandby: () => health.readyWhen(() => true), onActive: () => health.readyWhen(() => false) });
  const app = await startProjector(config);
  const nc = app.get<NatsConnection>(PROJECTOR_NATS);
  health.readyWhen(() => !nc.isClosed());
  app.enableShutdownHooks(); // SIGTERM from the launcher: finish the batch in flight, then exit
  process.send?.({ ready: true }); // the launcher waits for this
  collectGarbageWhenIdle(); // start-up's (and each burst's) garbage and young generation would stay resident while idle
}
