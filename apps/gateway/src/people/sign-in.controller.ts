import { Body, Controller, Delete, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SignInAnswer } from '@hub/contracts';
import { AnyPrincipal } from '../auth/any-principal.js';
import { BearerAuthGuard } from '../auth/auth.guard.js';
import { ReadOnlyOperation } from '../auth/read-only.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from '../auth/session-cookie.js';
import { describePrincipal } from '../session/session.controller.js';
import { SignInService } from './sign-in.service.js';

/** People sign in with username, password and (for privileged roles) a TOTP code; the session is a cookie. */
@ApiTags('session')
@Controller('api/v1/session')
export class SignInController {
  constructor(@Inject(SignInService) private readonly signIns: SignInService) {}

  @Post()
  @HttpCode(200)
  // The one operation without a principal: tests walking the document over every role skip it.
  @ApiExtension('x-hub-public', true)
  @ApiOperation({ summary: 'Sign in: {username, password, totp?} → session cookie (HttpOnly; SameSite=Strict; Secure under TLS) and the CSRF token for writes' })
  async signIn(@Body() body: Record<string, unknown> | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SignInAnswer> {
    const { username, password, totp } = body ?? {};
    const signedIn = await this.signIns.signIn(username, password, totp);
    setSessionCookie(request, response, signedIn.token);
    return { me: { ...describePrincipal(signedIn.principal), csrfToken: signedIn.csrfToken }, csrfToken: signedIn.csrfToken };
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(BearerAuthGuard)
  @AnyPrincipal()
  // Ending one's own session changes nothing of the hub: auditors (read-only) must be able to sign out.
  @ReadOnlyOperation()
  @ApiOperation({ summary: 'Sign out: the session ends on every gateway' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = sessionCookieOf(request);
    if (token !== undefined) await this.signIns.signOut(token);
    clearSessionCookie(request, response);
  }
}
