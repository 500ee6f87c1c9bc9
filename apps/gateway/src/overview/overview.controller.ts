import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Overview } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { OverviewService } from './overview.service.js';

@ApiController('views', 'api/v1/overview')
export class OverviewController {
  constructor(@Inject(OverviewService) private readonly overview: OverviewService) {}

  @Get()
  @ApiOperation({ summary: 'Activity by department × region × event type and per day of the campaign (a unit: its own)' })
  @ApiQuery({ name: 'from', required: false, example: '2021-09-01' })
  @ApiQuery({ name: 'to', required: false, example: '2021-12-15' })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one)' })
  get(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<Overview> {
    return this.overview.overview(principal, query);
  }
}
