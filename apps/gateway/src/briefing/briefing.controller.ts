import { Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Briefing } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { BriefingService } from './briefing.service.js';

@ApiController('views', 'api/v1/briefing')
export class BriefingController {
  constructor(@Inject(BriefingService) private readonly briefings: BriefingService) {}

  @Get()
  @ApiOperation({ summary: 'Joint-meeting briefing: overdue referrals per department, clusters since the last meeting, typical cases, annex totals (coordinator, auditor)' })
  @ApiQuery({ name: 'since', required: false, example: '2021-11-15', description: 'the previous meeting; default 14 days before asOf' })
  @ApiQuery({ name: 'asOf', required: false, example: '2021-11-29T18:00:00+08:00', description: 'cut-off; default now' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html', 'xlsx'] })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one)' })
  async get(@CurrentPrincipal() principal: Principal, @Query() query: QueryParams, @Res({ passthrough: true }) response: Response): Promise<Briefing | StreamableFile> {
    const document = await this.briefings.briefing(principal, query);
    if (document.format === 'json') return document.body;
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${document.fileName}"`);
    return new StreamableFile(typeof document.body === 'string' ? Buffer.from(document.body, 'utf8') : document.body);
  }
}
