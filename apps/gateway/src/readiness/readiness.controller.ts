import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { ReadinessReport } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { ReadinessService } from './readiness.service.js';

@ApiController('views', 'api/v1/readiness')
export class ReadinessController {
  constructor(@Inject(ReadinessService) private readonly readiness: ReadinessService) {}

  @Get()
  @ApiOperation({ summary: "Per reporting unit: whether its 12-05 report package is complete and what is missing (a unit: its own)" })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'region', required: false })
  get(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<ReadinessReport> {
    return this.readiness.readiness(principal, query);
  }
}
