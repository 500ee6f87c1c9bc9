import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Application } from 'express';
import { AccessLogWriter } from '../access/access-log.writer.js';
import { accessLog } from '../access/access-log.middleware.js';
import { Authenticator } from '../auth/authenticator.js';
import type { GatewayConfig } from '../gateway.config.js';
import { authenticateFirst } from './authenticate-first.js';
import { jsonBodyWhereTaken } from './body-routes.js';
import { DEFAULT_LIMITS, PrincipalLimits } from './principal-limits.js';
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
  const express = app.getHttpAdapter().getInstance() as Application;
  express.disable('x-powered-by');
  if (config.trustProxy) express.set('trust proxy', trustProxySetting(config.trustProxy));
  app.use(securityHeaders({ tls: config.tls !== undefined }));
  // Before authentication, so the 401s it answers are logged too.
  app.use('/api/v1', accessLog(app.get(AccessLogWriter)));
  app.use('/api/v1', authenticateFirst(app.get(Authenticator), new PrincipalLimits({ ...DEFAULT_LIMITS, ...config.limits })));
  app.use(jsonBodyWhereTaken(config.maxBodyBytes));
}
