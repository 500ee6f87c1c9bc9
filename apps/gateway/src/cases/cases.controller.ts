import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { CasePage } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { CasesService } from './cases.service.js';

@ApiController('views', 'api/v1/cases')
export class CasesController {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {}

  @Get()
  @ApiOperation({ summary: 'Cases with decision numbers and fines, newest first (a unit: its own). {total, items}' })
  @ApiQuery({ name: 'typical', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'decided', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'kind', required: false, enum: ['administrative', 'criminal'] })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one): only its cases' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<CasePage> {
    return this.cases.list(principal, query);
  }
}
