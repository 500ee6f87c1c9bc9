import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyPrincipal } from '../auth/any-principal.js';
import { BearerAuthGuard, CurrentPrincipal, type AuthenticatedRequest } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { AccountsService } from './accounts.service.js';

const bodyOf = (body: unknown): Record<string, unknown> => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});

/** Admins manage accounts and roles (grants and revocations become events); a person manages their own account. */
@ApiTags('people')
@Controller('api/v1')
@UseGuards(BearerAuthGuard)
@AnyPrincipal()
export class AccountsController {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @Get('accounts')
  @ApiOperation({ summary: 'Accounts with their roles (admin)' })
  list(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.accounts.list(principal);
  }

  @Post('accounts')
  @ApiOperation({ summary: 'Create an account {username, displayName, totp?}: the one-time password (and TOTP secret) are shown once (admin)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<unknown> {
    return this.accounts.create(principal, bodyOf(body));
  }

  @Post('accounts/:id/roles')
  @ApiOperation({ summary: 'Grant {role, scope?, reason, id?}: published as role.granted by the joint office (admin)' })
  grant(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    return this.accounts.grant(principal, id, bodyOf(body));
  }

  @Post('accounts/:id/roles/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke {role, scope?, reason, id?}: out of force at once, published as role.revoked (admin)' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    return this.accounts.revoke(principal, id, bodyOf(body));
  }

  @Post('account/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change one’s own password {current, next}; other sessions end' })
  async changePassword(@CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<void> {
    await this.accounts.changePassword(principal, request.sessionTokenHash, bodyOf(body));
  }

  @Post('account/totp')
  @ApiOperation({ summary: 'Start TOTP enrolment: {secret, otpauthUri}, in force once confirmed' })
  beginTotp(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.accounts.beginTotp(principal);
  }

  @Post('account/totp/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm TOTP enrolment with a code {code}' })
  confirmTotp(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<unknown> {
    return this.accounts.confirmTotp(principal, bodyOf(body));
  }
}
