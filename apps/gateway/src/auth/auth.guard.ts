import { Injectable, type CanActivate, type ExecutionContext, createParamDecorator, Inject } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HubError } from '@hub/domain';
import type { Request } from 'express';
import type { Principal } from './principal.js';
import { READ_ONLY_OPERATION } from './read-only.js';
import { TokenRegistry } from './token-registry.js';

type AuthenticatedRequest = Request & { principal?: Principal };

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every API route needs a bearer token of a known principal (401 otherwise). Auditors are read-only: any
 * operation other than GET/HEAD refuses them (403) unless it is marked @ReadOnlyOperation(), so a write
 * endpoint added later is closed to auditors without anyone remembering to.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new HubError('UNAUTHENTICATED', 'missing bearer token (Authorization: Bearer <token>)');
    const principal = this.tokens.resolve(match[1]);
    if (!principal) throw new HubError('UNAUTHENTICATED', 'unknown bearer token');
    request.principal = principal;
    if (principal.kind === 'auditor' && !READ_METHODS.has(request.method) && !this.readOnly(context)) {
      throw new HubError('FORBIDDEN', 'auditors are read-only: this operation changes the hub');
    }
    return true;
  }

  private readOnly(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(READ_ONLY_OPERATION, [context.getHandler(), context.getClass()]) === true;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new HubError('UNAUTHENTICATED', 'not authenticated');
  return principal;
});
