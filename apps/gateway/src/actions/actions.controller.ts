import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { ClosurePage, GuidancePage, SamplingPage } from '@hub/contracts';
import { GUIDANCE_KINDS, PRODUCT_CATEGORIES } from '@hub/domain';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { ActionsService } from './actions.service.js';

const scopeQueries = [
  ApiQuery({ name: 'unit', required: false }),
  ApiQuery({ name: 'department', required: false }),
  ApiQuery({ name: 'region', required: false }),
  ApiQuery({ name: 'from', required: false, description: 'ISO instant, inclusive' }),
  ApiQuery({ name: 'before', required: false, description: 'ISO instant, exclusive' }),
  ApiQuery({ name: 'limit', required: false }),
  ApiQuery({ name: 'offset', required: false }),
];
const withScope = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of scopeQueries) decorate(target, key, descriptor);
};

@ApiController('views', 'api/v1/guidance')
export class GuidanceController {
  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  @Get()
  @ApiOperation({ summary: '行政指导 / 行政约谈 (guidance.given), newest first: a unit its own, a line its department, a prefecture its region, coordinators all. {total, items}' })
  @withScope()
  @ApiQuery({ name: 'kind', required: false, enum: [...GUIDANCE_KINDS] })
  @ApiQuery({ name: 'search', required: false, description: "words in the operator's name or the topic" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<GuidancePage> {
    return this.actions.guidance(principal, query);
  }
}

@ApiController('views', 'api/v1/samplings')
export class SamplingsController {
  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  @Get()
  @ApiOperation({ summary: '抽检 (sampling.recorded), newest first, scoped like guidance. {total, items}' })
  @withScope()
  @ApiQuery({ name: 'productCategory', required: false, enum: [...PRODUCT_CATEGORIES] })
  @ApiQuery({ name: 'published', required: false, enum: ['true', 'false'] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<SamplingPage> {
    return this.actions.samplings(principal, query);
  }
}

@ApiController('views', 'api/v1/closures')
export class ClosuresController {
  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  @Get()
  @ApiOperation({
    summary:
      '7×24 urgent closure requests, unanswered first: a unit those it made or that are addressed to it (answerable: it may answer with closure.answered), a line or prefecture those its units are party to, coordinators all; dueAt on the hours clock (HUB_CLOSURE_HOURS), overdue flagged. {total, items}',
  })
  @ApiQuery({ name: 'direction', required: false, enum: ['sent', 'received'] })
  @ApiQuery({ name: 'status', required: false, enum: ['requested', 'closed', 'refused'] })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'], description: 'only requests with (true) / without (false) a closure.overdue notice' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<ClosurePage> {
    return this.actions.closures(principal, query);
  }
}
