import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { natsConnectionOptions } from '@hub/event-store';
import { loadDepartmentConfig, type DepartmentConfig } from './department.config.js';
import { DepartmentModule } from './department.module.js';

/** Starts one department's intake service; several instances of a department share the queue group. */
export async function startDepartmentService(config: DepartmentConfig): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(DepartmentModule.forDepartment(config), {
    transport: Transport.NATS,
    options: {
      ...natsConnectionOptions({
        url: config.natsUrl,
        name: `department-${config.department}`,
        ...(config.natsSeed ? { seed: config.natsSeed } : {}),
        ...(config.inboxPrefix ? { inboxPrefix: config.inboxPrefix } : {}),
      }),
      queue: `department-${config.department}`,
      gracefulShutdown: true,
      gracePeriod: config.shutdownGraceMs,
    },
    logger: ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startDepartmentService(loadDepartmentConfig());
  process.send?.({ ready: true }); // the launcher waits for this
}
