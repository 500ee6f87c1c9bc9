import { Body, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ReadinessReport } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import type { JointDecision } from '../common/joint-decision.js';
import { ReadinessService } from './readiness.service.js';
import { ReturnFilingService } from './return-filing.service.js';

@ApiController('views', 'api/v1/readiness')
export class ReadinessController {
  constructor(
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
    @Inject(ReturnFilingService) private readonly returns: ReturnFilingService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Per unit the plan addresses: what its department must file, whom it files to, filed / missing / late / returned, what is missing (a unit: its own)',
    description: "The campaign's reporting duties decide which units are listed and what each is asked for (plan 三(四)).",
  })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one)' })
  @ApiQuery({ name: 'to', required: false, example: 'police/650000', description: 'only units whose filings are routed or copied to this unit' })
  @ApiQuery({ name: 'filing', required: false, enum: ['missing', 'filed', 'late', 'returned'] })
  get(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<ReadinessReport> {
    return this.readiness.readiness(principal, query);
  }

  @Post('return')
  @HttpCode(201)
  @ApiOperation({ summary: "A line supervisor or a region coordinator returns one of its units' filings with a reason: the joint event report.returned (who decided, which version); readiness shows it until the unit files again" })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['unit', 'reason'],
      properties: {
        unit: { type: 'string', example: 'police/653100' },
        reason: { type: 'string' },
        id: { type: 'string', format: 'uuid', description: 'idempotency key' },
        campaign: { type: 'string', example: 'net-sword-2021', description: 'default: the current campaign' },
      },
    },
  })
  @ApiResponse({ status: 201, description: '{duplicate, event}' })
  @ApiResponse({ status: 403, description: 'not a line supervisor or region coordinator, or the unit is outside its scope' })
  @ApiResponse({ status: 404, description: 'the unit has filed nothing' })
  @ApiResponse({ status: 409, description: 'this filing was already returned' })
  returnFiling(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<JointDecision> {
    return this.returns.returnFiling(principal, body);
  }
}
