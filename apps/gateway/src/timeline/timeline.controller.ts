import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Timeline } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { TimelineService } from './timeline.service.js';

@ApiController('views', 'api/v1/timeline')
export class TimelineController {
  constructor(@Inject(TimelineService) private readonly timelines: TimelineService) {}

  @Get()
  @ApiOperation({ summary: 'Event timeline of a lead, referral or case, from the event archive (with the events that name it)' })
  @ApiQuery({ name: 'subject', required: true, example: 'lead/L-2021-0001' })
  @ApiQuery({ name: 'unit', required: false, example: 'samr/653100', description: 'owning unit; required except for referral/<id>' })
  get(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<Timeline> {
    return this.timelines.timeline(principal, query);
  }
}
