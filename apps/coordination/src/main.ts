import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadCoordinationConfig, type CoordinationConfig } from './coordination.config.js';
import { CoordinationModule } from './coordination.module.js';
import type { CoordinationHooks } from './coordination-loop.js';

/** Starts the coordination service (no HTTP); resolves once it is consuming. `hooks` are test seams only. */
export async function startCoordination(config: CoordinationConfig, hooks?: CoordinationHooks): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CoordinationModule.forConfig(config, hooks), { logger: ['error', 'warn', 'log'], abortOnError: false });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = await startCoordination(loadCoordinationConfig());
  app.enableShutdownHooks(); // SIGTERM from the launcher: finish the batch in flight, then exit
  process.send?.({ ready: true }); // the launcher waits for this
}
