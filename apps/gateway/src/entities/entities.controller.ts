import { Body, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { AssistanceRequestResult, EntitySearchResult } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ERROR_SCHEMA } from '../events/events.openapi.js';
import { EntitiesService, SEARCH_KINDS } from './entities.service.js';

@ApiController('entities', 'api/v1/entities')
export class EntitiesController {
  constructor(@Inject(EntitiesService) private readonly entities: EntitiesService) {}

  @Get('search')
  @ApiOperation({
    summary:
      'Who else holds this identifier? Every lead and case across the hub carrying it (normalised as the correlation does), in full within your sharing level and as existence only (holder, date, category) above it; with its cluster and the registered operators matching it',
  })
  @ApiQuery({ name: 'kind', required: true, enum: [...SEARCH_KINDS] })
  @ApiQuery({ name: 'value', required: true, example: 'https://shop123456.taobao.com/?spm=a1z10' })
  @ApiResponse({ status: 200, description: 'hits newest first (at most 200, `truncated` when more) and matching operators' })
  @ApiResponse({ status: 400, description: 'kind or value missing, or the value does not read as that kind — named in `fields`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 403, description: 'staff: no campaign data', schema: ERROR_SCHEMA })
  search(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<EntitySearchResult> {
    return this.entities.search(principal, query);
  }

  @Post('request')
  @ApiOperation({ summary: "Ask the holder of a record for assistance (请求协查): stored as your unit's referral.requested, a referral of kind `assistance` on the usual clocks" })
  @ApiBody({ schema: { type: 'object', required: ['record'], properties: { record: { type: 'string', example: 'samr/653100/lead/L-2021-0001' }, reason: { type: 'string' }, id: { type: 'string', format: 'uuid' } } } })
  @ApiResponse({ status: 201, description: 'the request as stored (a retried id answers duplicate: true)' })
  @ApiResponse({ status: 400, description: 'record malformed, reason empty or id not a UUID — named in `fields`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 403, description: 'not a unit', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 409, description: 'your own record', schema: ERROR_SCHEMA })
  request(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<AssistanceRequestResult> {
    return this.entities.request(principal, body);
  }
}
