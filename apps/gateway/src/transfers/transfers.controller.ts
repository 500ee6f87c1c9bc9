import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { TransferPage } from '@hub/contracts';
import { TRANSFER_DECISIONS } from '@hub/domain';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { TransfersService } from './transfers.service.js';

@ApiController('views', 'api/v1/transfers')
export class TransfersController {
  constructor(@Inject(TransfersService) private readonly transfers: TransfersService) {}

  @Get()
  @ApiOperation({
    summary:
      'Cases transferred to the police, unanswered first: a unit those it transferred or that are addressed to it (answerable: the police unit may answer with case.transfer_answered), a line or prefecture those its units are party to, coordinators all; dueAt on the 3-day clock of 国务院令第310号第八条, overdue flagged. {total, items}',
  })
  @ApiQuery({ name: 'direction', required: false, enum: ['sent', 'received'] })
  @ApiQuery({ name: 'status', required: false, enum: ['transferred', ...TRANSFER_DECISIONS] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams): Promise<TransferPage> {
    return this.transfers.list(principal, query);
  }
}
