import { readSecret } from '@hub/runtime/service-env';

/** Single sign-on through an OpenID Connect provider (a ministry's identity provider); off unless an issuer is set. */
export interface OidcConfig {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The gateway's callback as registered at the provider: `https://<hub>/api/v1/session/oidc/callback`. */
  redirectUri: string;
  /** The ID-token claim naming the hub account (default `preferred_username`). */
  usernameClaim: string;
  /** The sign-in page's button text. */
  label: string;
  /** Plain-HTTP provider (loopback tests and trials only; a real provider speaks HTTPS). */
  allowHttp: boolean;
}

/**
 * HUB_OIDC_ISSUER, HUB_OIDC_CLIENT_ID, HUB_OIDC_CLIENT_SECRET (or HUB_OIDC_CLIENT_SECRET_FILE), HUB_OIDC_REDIRECT_URI,
 * HUB_OIDC_USERNAME_CLAIM, HUB_OIDC_LABEL, HUB_OIDC_ALLOW_HTTP. Without an issuer: undefined (no SSO). A partial
 * configuration is an error at start, naming what is missing.
 */
export function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.HUB_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientSecret = readSecret('HUB_OIDC_CLIENT_SECRET', env);
  const missing = [
    ['HUB_OIDC_CLIENT_ID', env.HUB_OIDC_CLIENT_ID],
    ['HUB_OIDC_CLIENT_SECRET (or _FILE)', clientSecret],
    ['HUB_OIDC_REDIRECT_URI', env.HUB_OIDC_REDIRECT_URI],
  ].filter(([, value]) => !value);
  if (missing.length > 0) throw new Error(`gateway: HUB_OIDC_ISSUER is set, so ${missing.map(([name]) => name).join(', ')} must be too`);
  return {
    issuer,
    clientId: env.HUB_OIDC_CLIENT_ID ?? '',
    clientSecret: clientSecret ?? '',
    redirectUri: env.HUB_OIDC_REDIRECT_URI ?? '',
    usernameClaim: env.HUB_OIDC_USERNAME_CLAIM || 'preferred_username',
    label: env.HUB_OIDC_LABEL || '统一身份认证登录',
    allowHttp: env.HUB_OIDC_ALLOW_HTTP === '1' || env.HUB_OIDC_ALLOW_HTTP === 'true',
  };
}
