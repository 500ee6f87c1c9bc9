import { applyDecorators, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { OperatorChanges, OperatorCounts, OperatorPage } from '@hub/contracts';
import { DISPLAY_STATUSES, OPERATOR_KINDS } from '@hub/domain';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { OperatorsService } from './operators.service.js';

/** The register's filters, the same on the list, the counts and the changes. */
const withFilters = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
  ApiQuery({ name: 'region', required: false, description: 'GB/T 2260 region where the operators do business (a unit: its own only)' }),
  ApiQuery({ name: 'kind', required: false, enum: [...OPERATOR_KINDS] }),
  ApiQuery({ name: 'status', required: false, enum: [...DISPLAY_STATUSES], description: '亮照/亮证/亮标: compliant | deficient' }),
  );

@ApiController('views', 'api/v1/operators')
export class OperatorsController {
  constructor(@Inject(OperatorsService) private readonly operators: OperatorsService) {}

  @Get()
  @ApiOperation({ summary: 'The operator register (经营者名录): a unit its own region, coordinators and auditors every region. {total, items}' })
  @withFilters()
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<OperatorPage> {
    return this.operators.list(principal, query);
  }

  @Get('counts')
  @ApiOperation({ summary: 'Register counts per region by kind and by display status (亮照/亮证/亮标), with their sum' })
  @withFilters()
  counts(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<OperatorCounts> {
    return this.operators.counts(principal, query);
  }

  @Get('changes')
  @ApiOperation({ summary: "Registrations and updates per local day of the campaign's records (its zone, on event time)" })
  @withFilters()
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one)' })
  changes(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<OperatorChanges> {
    return this.operators.changes(principal, query);
  }
}
