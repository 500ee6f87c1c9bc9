import { Injectable, type CanActivate, type ExecutionContext, createParamDecorator, Inject } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HubError } from '@hub/domain';
import { ANY_PRINCIPAL } from './any-principal.js';
import { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';
import { READ_ONLY_OPERATION } from './read-only.js';

export type { AuthenticatedRequest } from './authenticator.js';
import type { AuthenticatedRequest } from './authenticator.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every API route needs a principal (401 otherwise): a bearer key of a departmental system (the static
 * tokens of `.hub/credentials.json`, or a named key in PostgreSQL, checked on every request so a revocation
 * is effective at once on every gateway) or a person's session cookie, whose writes must carry the
 * session's CSRF token. Auditors are read-only: any operation other than GET/HEAD refuses them (403) unless
 * it is marked @ReadOnlyOperation(). Staff (admins without a data role) reach only @AnyPrincipal() routes.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // The HTTP edge (authenticateFirst) has usually authenticated the request before its body was read.
    const principal = request.principal ?? (await this.authenticator.authenticate(request));
    request.principal = principal;
    if (principal.kind === 'staff' && !this.marked(context, ANY_PRINCIPAL)) {
      throw new HubError('FORBIDDEN', 'your roles give no access to campaign data here');
    }
    if (principal.kind === 'auditor' && !READ_METHODS.has(request.method) && !this.marked(context, READ_ONLY_OPERATION)) {
      throw new HubError('FORBIDDEN', 'auditors are read-only: this operation changes the hub');
    }
    return true;
  }

  private marked(context: ExecutionContext, key: string): boolean {
    return this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new HubError('UNAUTHENTICATED', 'not authenticated');
  return principal;
});
