import { Injectable, type CanActivate, type ExecutionContext, createParamDecorator, Inject } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HubError } from '@hub/domain';
import type { Request } from 'express';
import { ApiKeysService } from '../people/api-keys.service.js';
import { csrfMatches, SignInService } from '../people/sign-in.service.js';
import { ANY_PRINCIPAL } from './any-principal.js';
import type { Principal } from './principal.js';
import { READ_ONLY_OPERATION } from './read-only.js';
import { CSRF_HEADER, sessionCookieOf } from './session-cookie.js';
import { TokenRegistry } from './token-registry.js';

export type AuthenticatedRequest = Request & { principal?: Principal; sessionTokenHash?: string; csrfToken?: string };

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
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
    @Inject(ApiKeysService) private readonly keys: ApiKeysService,
    @Inject(SignInService) private readonly sessions: SignInService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    if (principal.kind === 'staff' && !this.marked(context, ANY_PRINCIPAL)) {
      throw new HubError('FORBIDDEN', 'your roles give no access to campaign data here');
    }
    if (principal.kind === 'auditor' && !READ_METHODS.has(request.method) && !this.marked(context, READ_ONLY_OPERATION)) {
      throw new HubError('FORBIDDEN', 'auditors are read-only: this operation changes the hub');
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw new HubError('UNAUTHENTICATED', 'malformed Authorization header (Authorization: Bearer <key>)');
      const principal = this.tokens.resolve(match[1]) ?? (await this.keys.resolve(match[1]).catch(() => undefined));
      if (!principal) throw new HubError('UNAUTHENTICATED', 'unknown, expired or revoked bearer key');
      return principal;
    }
    const cookie = sessionCookieOf(request);
    if (cookie === undefined) throw new HubError('UNAUTHENTICATED', 'sign in, or send a bearer key (Authorization: Bearer <key>)');
    const session = await this.sessions.resolve(cookie);
    if (!session) throw new HubError('UNAUTHENTICATED', 'the session has ended: sign in again');
    // A cookie rides along with any request the browser makes; only our page knows the CSRF token.
    if (!READ_METHODS.has(request.method) && !csrfMatches(request.get(CSRF_HEADER), session.csrfToken)) {
      throw new HubError('FORBIDDEN', `a signed-in write needs the session's CSRF token in ${CSRF_HEADER}`);
    }
    request.sessionTokenHash = session.tokenHash;
    request.csrfToken = session.csrfToken;
    return session.principal;
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
