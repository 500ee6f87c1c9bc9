// First: it loads Nest with its date formatters deferred and its log timestamps written without ICU (~5 MiB).
import '@hub/runtime/logging';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { departmentHealthService } from '@hub/domain';
import { answerHealthProbes, natsConnectionOptions, serveHealthHttp } from '@hub/event-store';
import { collectGarbageWhenIdle, gatewayInboxOf } from '@hub/runtime/service-env';
import { loadDepartmentConfig, type DepartmentConfig } from './department.config.js';
import { GatewayOnlyServerNats } from './gateway-only-server.js';
import { IntakeDeserializer } from './forwarded-body.js';
import { DepartmentModule } from './department.module.js';

/** Starts one department's intake service; several instances of a department share the queue group. */
export async function startDepartmentService(config: DepartmentConfig): Promise<INestMicroservice> {
  const transport = new GatewayOnlyServerNats(
    {
      ...natsConnectionOptions({
        url: config.natsUrl,
        name: `department-${config.department}`,
        ...(config.natsSeed ? { seed: config.natsSeed } : {}),
        ...(config.inboxPrefix ? { inboxPrefix: config.inboxPrefix } : {}),
      }),
      queue: `department-${config.department}`,
      gracefulShutdown: true,
      gracePeriod: config.shutdownGraceMs,
      // The gateway forwards bodies unread (FORWARDED_BODY_MARKER) beside Nest's JSON packets.
      deserializer: new IntakeDeserializer(),
    },
    gatewayInboxOf(config),
  );
  const app = await NestFactory.createMicroservice<CustomStrategy>(DepartmentModule.forDepartment(config), {
    strategy: transport,
    logger: ['error', 'warn', 'log'],
    // Fail by throwing, not by process.exit: the launcher and the tests decide what a failed start means.
    abortOnError: false,
  });
  app.enableShutdownHooks();
  try {
    await app.listen();
  } catch (error) {
    // Whatever the module opened (its stream connection, timers) must not outlive a failed start: a test
    // harness would never exit, a launcher would leak it on every retry.
    await app.close().catch(() => undefined);
    throw error;
  }
  // listen() resolves once the intake subscription is queued, not once the server has it: a request sent
  // right away (the gateway, a retry after a restart) could meet "no responders". A flush is a round trip
  // after the SUB, so from here on the server routes intake requests to this instance.
  const nc = app.unwrap<NatsConnection>();
  // Ready only now: listen() ran the bootstrap (the id index and aggregate heads are rebuilt) and intake is served.
  answerHealthProbes(nc, departmentHealthService(config.department));
  await nc.flush();
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const health = serveHealthHttp(); // HUB_HEALTH_PORT: the orchestrator's probes (deploy/k8s, deploy/compose)
  const app = await startDepartmentService(loadDepartmentConfig());
  health.readyWhen(() => !app.unwrap<NatsConnection>().isClosed());
  process.send?.({ ready: true }); // the launcher waits for this
  collectGarbageWhenIdle(); // start-up's (and each burst's) garbage and young generation would stay resident while idle
}
