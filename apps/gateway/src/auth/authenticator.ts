import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/domain';
import type { Request } from 'express';
import { ApiKeysService } from '../people/api-keys.service.js';
import { csrfMatches, SignInService } from '../people/sign-in.service.js';
import type { Principal } from './principal.js';
import { CSRF_HEADER, sessionCookieOf } from './session-cookie.js';
import { TokenRegistry } from './token-registry.js';

export type AuthenticatedRequest = Request & { principal?: Principal; sessionTokenHash?: string; csrfToken?: string };

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Who is calling, from the request's headers alone (never its body): a bearer key of a departmental system
 * (the static tokens of `.hub/credentials.json`, or a named key in PostgreSQL, checked on every request so a
 * revocation is effective at once on every gateway) or a person's session cookie, whose writes must carry the
 * session's CSRF token. Used by the HTTP edge before any body is read, and by the route guard.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
    @Inject(ApiKeysService) private readonly keys: ApiKeysService,
    @Inject(SignInService) private readonly sessions: SignInService,
  ) {}

  /**
   * The principal, at once (no promise, no microtask) for a static key of `.hub/credentials.json` — what nearly every
   * departmental system sends, and fixed for the process's life —, else through the named keys and sessions, which
   * are read on every request (a revocation is effective at once). Refusals are always a rejected promise.
   */
  authenticate(request: AuthenticatedRequest): Principal | Promise<Principal> {
    const authorization = request.headers.authorization;
    const key = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    return (key === undefined ? undefined : this.tokens.resolve(key)) ?? this.authenticateSlowly(request);
  }

  private async authenticateSlowly(request: AuthenticatedRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization);
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
}
