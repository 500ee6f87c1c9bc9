import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { decideSingleSignOn, HubError, isRole, ssoUsername, SSO_REFUSAL_TEXT, type SsoRefusal } from '@hub/domain';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import { AccountRolesRepository } from './account-roles.repository.js';
import { AccountsRepository } from './accounts.repository.js';
import type { OidcConfig } from './oidc.config.js';
import { PeopleDb } from './people-db.js';
import { SignInService, type SignedIn } from './sign-in.service.js';

/** What the browser keeps between leaving for the provider and coming back (a short-lived cookie). */
export interface PendingSignOn {
  state: string;
  nonce: string;
  verifier: string;
}

/** A refused single sign-on: the person reads `text`, the access log keeps `refusal`. */
export class SsoRefused extends Error {
  constructor(
    readonly refusal: SsoRefusal | 'SSO_PROVIDER_ERROR',
    readonly text: string,
    /** The username the provider named, if it did (for the access log). */
    readonly username?: string,
  ) {
    super(`${refusal}: ${text}`);
  }
}

/**
 * The authorization-code flow with PKCE, state and nonce (openid-client). The provider authenticates; the
 * account of the same username, its lock and its roles (with the second-factor rule) decide.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('SingleSignOn');
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(PeopleDb) private readonly db: PeopleDb,
    @Inject(SignInService) private readonly signIns: SignInService,
  ) {}

  /** The provider settings, or 404 when single sign-on is not configured. */
  settings(): OidcConfig {
    if (!this.config.oidc) throw new HubError('NOT_FOUND', 'single sign-on is not configured on this hub (HUB_OIDC_ISSUER)');
    return this.config.oidc;
  }

  /** Where to send the browser, and what it must bring back. */
  async begin(): Promise<{ url: string; pending: PendingSignOn }> {
    const settings = this.settings();
    const configuration = await this.provider();
    const pending: PendingSignOn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The provider sent the browser back to `callbackUrl`: exchange the code, check the ID token, open a session. */
  async finish(callbackUrl: URL, pending: PendingSignOn | undefined, now = new Date()): Promise<SignedIn & { username: string }> {
    const settings = this.settings();
    if (pending === undefined) throw new SsoRefused('SSO_PROVIDER_ERROR', '登录流程已过期或未从本平台发起，请返回登录页重新点击统一身份认证登录。');
    let claims: Record<string, unknown>;
    try {
      const configuration = await this.provider();
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      claims = { ...(idToken ?? {}) };
      // Many providers put profile claims only at the UserInfo endpoint; `amr` stays the ID token's own.
      if (idToken && ssoUsername(claims, settings.usernameClaim) === undefined) {
        const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        claims = { ...userInfo, ...claims, [settings.usernameClaim]: userInfo[settings.usernameClaim] };
      }
    } catch (error) {
      // The provider's or the protocol's failure (wrong state, expired code, bad signature): logged, not shown.
      this.logger.warn(`single sign-on failed at the provider: ${(error as Error).message}`);
      throw new SsoRefused('SSO_PROVIDER_ERROR', '身份提供方未能完成认证（授权码无效、已过期或校验失败），请返回登录页重试。');
    }
    const username = ssoUsername(claims, settings.usernameClaim) ?? '';
    const sql = await this.db.sql();
    const account = username === '' ? undefined : await new AccountsRepository(sql).byUsername(username);
    const roles = account ? (await new AccountRolesRepository(sql).of(account.id)).filter((r) => isRole(r.role)) : [];
    const decision = decideSingleSignOn({
      claims,
      usernameClaim: settings.usernameClaim,
      account: account && { username: account.username, lockedUntil: account.locked_until, roles: roles.map((r) => r.role) },
      now,
    });
    if (!decision.ok) throw new SsoRefused(decision.refusal, SSO_REFUSAL_TEXT[decision.refusal], username || undefined);
    if (!account) throw new SsoRefused('SSO_NO_ACCOUNT', SSO_REFUSAL_TEXT.SSO_NO_ACCOUNT, username || undefined);
    return { ...(await this.signIns.openSession(account, roles, now)), username };
  }

  /** The provider's metadata, discovered once (again after a failure, so a provider down at start is no matter). */
  private provider(): Promise<oidc.Configuration> {
    const settings = this.settings();
    this.discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.logger.warn(`single sign-on: the provider ${settings.issuer} cannot be reached: ${(error as Error).message}`);
        throw new HubError('SERVICE_UNAVAILABLE', 'the identity provider cannot be reached; try again, or sign in with password and TOTP');
      });
    return this.discovered;
  }
}
