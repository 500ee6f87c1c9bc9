import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SsoSettings } from '@hub/contracts';
import { setSessionCookie } from '../auth/session-cookie.js';
import { OidcSignInService, SsoRefused, type PendingSignOn } from './oidc-sign-in.service.js';

const PENDING_COOKIE = 'hub_oidc';
const PENDING_PATH = '/api/v1/session/oidc';
const PENDING_MAX_AGE_MS = 10 * 60_000;

/**
 * Single sign-on (OpenID Connect, authorization code + PKCE). The pending login rides in a short-lived cookie
 * scoped to these routes (SameSite=Lax: it must come back on the provider's top-level redirect), so any gateway
 * instance can finish what another began.
 */
@ApiTags('session')
@Controller('api/v1/session')
export class OidcController {
  constructor(@Inject(OidcSignInService) private readonly sso: OidcSignInService) {}

  @Get('sso')
  @ApiExtension('x-hub-public', true)
  @ApiOperation({ summary: 'Whether single sign-on is offered, and the sign-in button’s text: {enabled, label?, start?}' })
  settings(): SsoSettings {
    try {
      const { label } = this.sso.settings();
      return { enabled: true, label, start: PENDING_PATH };
    } catch {
      return { enabled: false };
    }
  }

  @Get('oidc')
  @ApiExtension('x-hub-public', true)
  @ApiOperation({ summary: 'Begin single sign-on: 302 to the identity provider (404 when not configured, 503 when it cannot be reached)' })
  async begin(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { url, pending } = await this.sso.begin();
    response.cookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      path: PENDING_PATH,
      maxAge: PENDING_MAX_AGE_MS,
    });
    response.redirect(302, url);
  }

  @Get('oidc/callback')
  @ApiExtension('x-hub-public', true)
  @ApiOperation({ summary: 'The identity provider’s redirect back: opens the session of the account of the same username, or 401 with the reason (a page)' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    response.clearCookie(PENDING_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: PENDING_PATH });
    try {
      const signedIn = await this.sso.finish(new URL(request.originalUrl, this.sso.settings().redirectUri), pendingOf(request));
      (response.locals as { signInUsername?: string }).signInUsername = signedIn.username;
      setSessionCookie(request, response, signedIn.token);
      // A page, not a redirect: the session cookie is SameSite=Strict, and a redirect still belongs to the
      // provider's cross-site navigation (the cookie would not go with it); a refresh from our own page does.
      response.status(200).type('html').send(page('已登录', '<p>统一身份认证成功，正在进入工作平台…</p><p><a href="/">进入工作平台</a></p>', '/'));
    } catch (error) {
      if (!(error instanceof SsoRefused)) throw error;
      Object.assign(response.locals, { signInRefusal: error.refusal, ...(error.username ? { signInUsername: error.username } : {}) });
      response.status(401).type('html').send(page('统一身份认证登录失败', `<p>${escapeHtml(error.text)}</p><p><a href="/">返回登录页</a></p>`));
    }
  }
}

function pendingOf(request: Request): PendingSignOn | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== PENDING_COOKIE) continue;
    try {
      const parsed = JSON.parse(Buffer.from(decodeURIComponent(value.join('=')), 'base64url').toString('utf8')) as Partial<PendingSignOn>;
      if (typeof parsed.state === 'string' && typeof parsed.nonce === 'string' && typeof parsed.verifier === 'string') return parsed as PendingSignOn;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, refreshTo?: string): string {
  const refresh = refreshTo ? `<meta http-equiv="refresh" content="0;url=${refreshTo}">` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${refresh}<title>${escapeHtml(title)} · 网剑行动</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
