import { Injectable, type CanActivate, type ExecutionContext, createParamDecorator, Inject } from '@nestjs/common';
import { HubError } from '@hub/domain';
import type { Request } from 'express';
import type { Principal } from './principal.js';
import { TokenRegistry } from './token-registry.js';

type AuthenticatedRequest = Request & { principal?: Principal };

/** Every API route needs a bearer token of a known principal (401 otherwise). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(TokenRegistry) private readonly tokens: TokenRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new HubError('UNAUTHENTICATED', 'missing bearer token (Authorization: Bearer <token>)');
    const principal = this.tokens.resolve(match[1]);
    if (!principal) throw new HubError('UNAUTHENTICATED', 'unknown bearer token');
    request.principal = principal;
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new HubError('UNAUTHENTICATED', 'not authenticated');
  return principal;
});
