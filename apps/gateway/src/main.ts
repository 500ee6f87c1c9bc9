// First: it loads Nest with its date formatters deferred and its log timestamps written without ICU (~5 MiB).
import '@hub/runtime/logging';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { collectGarbageWhenIdle } from '@hub/runtime/service-env';
import { loadGatewayConfig, type GatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { installHttpEdge } from './http/http-edge.js';
import { OneMapExpressAdapter } from './http/one-map-server.js';
import { applyServerTimeouts, DEFAULT_TIMEOUTS } from './http/server-timeouts.js';
import { serveWebUi } from './web/serve-web-ui.js';

/** Starts the HTTP gateway; resolves once it listens. */
export async function startGateway(config: GatewayConfig): Promise<NestExpressApplication> {
  // Requests and responses are made with Express's prototypes (one V8 map for all of them, see OneMapExpressAdapter).
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), new OneMapExpressAdapter(), {
    bodyParser: false, // installHttpEdge parses bodies, after authentication and only where a route takes one
    logger: ['error', 'warn', 'log'],
    abortOnError: false, // throw, never process.exit: callers decide what a failed start means
    ...(config.tls ? { httpsOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  installHttpEdge(app, config);
  applyServerTimeouts(app.getHttpServer(), { ...DEFAULT_TIMEOUTS, ...config.timeouts });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('网剑行动 data-sharing hub')
      .setDescription('Signed, event-sourced data sharing for the 2021 Net Sword campaign (see DESIGN.md, "Public interfaces").')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveWebUi(app, config.webRoot);
  await app.listen(config.port, config.host);
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadGatewayConfig();
  await startGateway(config);
  process.send?.({ ready: true }); // the launcher waits for this
  collectGarbageWhenIdle(); // start-up's (and each burst's) garbage and young generation would stay resident while idle
  console.log(`gateway listening on ${config.tls ? 'https' : 'http'}://${config.host}:${config.port}`);
}
