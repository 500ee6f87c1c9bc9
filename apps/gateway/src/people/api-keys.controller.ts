import { Body, Controller, Delete, Get, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyPrincipal } from '../auth/any-principal.js';
import { BearerAuthGuard, CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ApiKeysService } from './api-keys.service.js';

/** Keys of departmental systems (admin only): the key is shown once, at creation. */
@ApiTags('people')
@Controller('api/v1/api-keys')
@UseGuards(BearerAuthGuard)
@AnyPrincipal()
export class ApiKeysController {
  constructor(@Inject(ApiKeysService) private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Keys with expiry, last use and revocation (admin)' })
  list(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.keys.list(principal);
  }

  @Post()
  @ApiOperation({ summary: 'Create a key {name, kind: unit|coordinator|auditor, unit?, expiresInDays?}: the key is in the answer only (admin)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<unknown> {
    return this.keys.create(principal, typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key: refused on every gateway from the next request (admin)' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<unknown> {
    return this.keys.revoke(principal, id);
  }
}
