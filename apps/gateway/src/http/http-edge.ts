import type { NestExpressApplication } from '@nestjs/platform-express';
import { AccessLogWriter } from '../access/access-log.writer.js';
import { accessLog } from '../access/access-log.middleware.js';
import { BearerAuthGuard } from '../auth/auth.guard.js';
import { Authenticator } from '../auth/authenticator.js';
import { HubErrorFilter } from '../common/hub-error.filter.js';
import { EventsController } from '../events/events.controller.js';
import { EventsService } from '../events/events.service.js';
import type { GatewayConfig } from '../gateway.config.js';
import { authenticateFirst } from './authenticate-first.js';
import { jsonBodyWhereTaken } from './body-routes.js';
import { LeanEventsRoute, serveLeanFirst } from './lean-events-route.js';
import { DEFAULT_LIMITS, PrincipalLimits } from './principal-limits.js';
import { recordedHeaders } from './recorded-headers.js';
import { securityHeaders } from './security-headers.js';

/** Express `trust proxy` from HUB_TRUST_PROXY: a hop count, true/false, or addresses/subnets ("loopback, 10.0.0.0/8"). */
export function trustProxySetting(value: string): boolean | number | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/**
 * The gateway's HTTP edge, in the order a request meets it: security headers; for the API, the caller
 * (bearer key or session) and its limits before anything is read; then a JSON body only on routes that take one.
 * Must run before the Nest routes are registered (i.e. before app.listen/init).
 */
export function installHttpEdge(app: NestExpressApplication, config: GatewayConfig): void {
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  if (config.trustProxy) express.set('trust proxy', trustProxySetting(config.trustProxy));
  const headers = securityHeaders({ tls: config.tls !== undefined });
  // One access log and one set of per-principal limits for both ways in (the Express stack and the lean route).
  const logAccess = accessLog(app.get(AccessLogWriter));
  const admit = authenticateFirst(app.get(Authenticator), new PrincipalLimits({ ...DEFAULT_LIMITS, ...config.limits }));
  app.use(headers);
  // Before authentication, so the 401s it answers are logged too.
  app.use('/api/v1', logAccess);
  app.use('/api/v1', admit);
  app.use(jsonBodyWhereTaken(config.maxBodyBytes));
  // The most frequent request, single events from departmental systems, skips the router, helmet and body-parser.
  const lean = new LeanEventsRoute({
    express,
    securityHeaders: recordedHeaders(headers),
    accessLog: logAccess,
    authenticateFirst: admit,
    maxBodyBytes: config.maxBodyBytes,
    marks: app.get(BearerAuthGuard).marksOf(EventsController.prototype.submit, EventsController),
    events: app.get(EventsService),
    errors: new HubErrorFilter(),
  });
  serveLeanFirst(app.getHttpServer(), lean);
}
