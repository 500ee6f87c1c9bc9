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

/** How an operation is marked: open to staff (@AnyPrincipal) and/or to auditors despite its method (@ReadOnlyOperation). */
export interface OperationMarks {
  anyPrincipal: boolean;
  readOnly: boolean;
}

/** Why `principal` may not call an operation with `method` and `marks` (FORBIDDEN), or undefined when it may. */
export function operationRefusal(principal: Principal, method: string, marks: OperationMarks): HubError | undefined {
  if (principal.kind === 'staff' && !marks.anyPrincipal) return new HubError('FORBIDDEN', 'your roles give no access to campaign data here');
  if (principal.kind === 'auditor' && !READ_METHODS.has(method) && !marks.readOnly) {
    return new HubError('FORBIDDEN', 'auditors are read-only: this operation changes the hub');
  }
  return undefined;
}

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
    const refusal = operationRefusal(principal, request.method, this.marksOf(context.getHandler(), context.getClass()));
    if (refusal) throw refusal;
    return true;
  }

  /** The marks of a controller's operation (`handler`, a method of `controller`), as this guard reads them. */
  marksOf(handler: object, controller: object): OperationMarks {
    const marked = (key: string): boolean => this.reflector.getAllAndOverride<boolean>(key, [handler as () => void, controller as () => void]) === true;
    return { anyPrincipal: marked(ANY_PRINCIPAL), readOnly: marked(READ_ONLY_OPERATION) };
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new HubError('UNAUTHENTICATED', 'not authenticated');
  return principal;
});
