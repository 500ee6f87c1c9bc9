import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { RecordPage } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { RECORD_KINDS, RECORD_STATUSES, RecordsService } from './records.service.js';

@ApiController('views', 'api/v1/records')
export class RecordsController {
  constructor(@Inject(RecordsService) private readonly records: RecordsService) {}

  @Get()
  @ApiOperation({
    summary:
      '我的记录: the calling unit’s own leads, cases and actions with their current values and correction state, newest first (units only: 403 UNITS_ONLY for others). {total, limit, offset, items}',
  })
  @ApiQuery({ name: 'kind', required: false, enum: [...RECORD_KINDS] })
  @ApiQuery({ name: 'status', required: false, enum: [...RECORD_STATUSES] })
  @ApiQuery({ name: 'from', required: false, description: 'occurred on or after (date, campaign zone, or instant)' })
  @ApiQuery({ name: 'to', required: false, description: 'occurred on or before (date inclusive, or instant)' })
  @ApiQuery({ name: 'q', required: false, description: 'text in the id or any value' })
  @ApiQuery({ name: 'keyPeriod', required: false, description: 'monitoring leads found in a key period of the campaign (catalogue keyPeriods, e.g. national_day, double_11)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<RecordPage> {
    return this.records.list(principal, query);
  }
}
