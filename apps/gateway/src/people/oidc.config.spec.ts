import { describe, expect, it } from '@jest/globals';
import { loadOidcConfig } from './oidc.config.js';

const full = {
  HUB_OIDC_ISSUER: 'https://idp.example.gov.cn',
  HUB_OIDC_CLIENT_ID: 'net-sword-hub',
  HUB_OIDC_CLIENT_SECRET: 's3cret',
  HUB_OIDC_REDIRECT_URI: 'https://hub.example.gov.cn/api/v1/session/oidc/callback',
};

describe('loadOidcConfig', () => {
  it('given no issuer, then no single sign-on', () => {
    expect(loadOidcConfig({})).toBeUndefined();
  });

  it('given the four settings, then defaults for the claim, the label and HTTPS only', () => {
    expect(loadOidcConfig(full)).toEqual({
      issuer: full.HUB_OIDC_ISSUER,
      clientId: 'net-sword-hub',
      clientSecret: 's3cret',
      redirectUri: full.HUB_OIDC_REDIRECT_URI,
      usernameClaim: 'preferred_username',
      label: '统一身份认证登录',
      allowHttp: false,
    });
  });

  it('given an issuer without client id, secret or redirect URI, then start fails naming each', () => {
    expect(() => loadOidcConfig({ HUB_OIDC_ISSUER: full.HUB_OIDC_ISSUER })).toThrow(/HUB_OIDC_CLIENT_ID, HUB_OIDC_CLIENT_SECRET \(or _FILE\), HUB_OIDC_REDIRECT_URI/);
  });
});
