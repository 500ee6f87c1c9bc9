import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ReferralPage } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ERROR_SCHEMA } from '../events/events.openapi.js';
import { REFERRAL_LIST_SCHEMA } from './referrals.openapi.js';
import { ReferralsService } from './referrals.service.js';

const FILTERS: { name: string; description: string; example?: string }[] = [
  { name: 'department', description: 'sending or receiving department', example: 'police' },
  { name: 'region', description: 'sending or receiving region', example: '653100' },
  { name: 'toDepartment', description: 'receiving department' },
  { name: 'toRegion', description: 'receiving region' },
  { name: 'fromDepartment', description: 'sending department' },
  { name: 'fromRegion', description: 'sending region' },
  { name: 'status', description: 'sent | accepted | rejected | returned | fed_back' },
  { name: 'overdue', description: 'true: the running clock (answer while sent, feedback while accepted) has run out' },
  { name: 'crossRegion', description: 'true: sender and receiver are in different regions' },
  { name: 'crossDepartment', description: 'true: sender and receiver are different departments' },
  { name: 'limit', description: 'page size, 1–1000 (default 100)' },
  { name: 'offset', description: 'items to skip (default 0)' },
];

function ApiReferralFilters(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const filter of FILTERS) ApiQuery({ name: filter.name, required: false, description: filter.description, ...(filter.example ? { example: filter.example } : {}) })(target, key, descriptor);
  };
}

@ApiController('referrals', 'api/v1/referrals')
export class ReferralsController {
  constructor(@Inject(ReferralsService) private readonly referrals: ReferralsService) {}

  @Get()
  @ApiOperation({ summary: '移送/协查 referrals across the campaign (coordinators, auditors), newest first, with deadlines on working days' })
  @ApiReferralFilters()
  @ApiResponse({ status: 200, description: 'a page of referrals, newest first', schema: REFERRAL_LIST_SCHEMA })
  @ApiResponse({ status: 400, description: 'a bad query parameter, named in `fields`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 401, description: 'no or unknown bearer token', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 403, description: 'a unit token (units read their inbox)', schema: ERROR_SCHEMA })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<ReferralPage> {
    return this.referrals.list(principal, query);
  }

  @Get('inbox')
  @ApiOperation({
    summary: "Referrals addressed to the token's unit (same filters and item shape)",
    description:
      'The unit answers with referral.answered (accepted | rejected | returned, reason unless accepted) and, once accepted, referral.feedback — ordinary events on POST /api/v1/departments/{dept}/events, subject referral/{referralId}. Only the addressed unit may: an answer to a referral addressed elsewhere is 403, to an unknown one 404, each naming [i].data.referralId, and nothing of the batch is stored.',
  })
  @ApiReferralFilters()
  @ApiResponse({ status: 200, description: 'a page of the referrals addressed to this unit', schema: REFERRAL_LIST_SCHEMA })
  @ApiResponse({ status: 400, description: 'a bad query parameter, named in `fields`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 403, description: 'not a unit token (coordinators and auditors use GET /api/v1/referrals)', schema: ERROR_SCHEMA })
  inbox(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<ReferralPage> {
    return this.referrals.inbox(principal, query);
  }
}
