import { Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AnnexReport, AnnexTrace, RowTrace } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { AnnexTraceService } from '../audit/annex-trace.service.js';
import type { RawQuery } from '../audit/audit-query.js';
import { AnnexService, authorise, defaultScope, type AnnexQuery } from './annex.service.js';

@ApiController('annex', 'api/v1/annex')
export class AnnexController {
  constructor(
    @Inject(AnnexService) private readonly annex: AnnexService,
    @Inject(AnnexTraceService) private readonly traces: AnnexTraceService,
  ) {}

  @Get()
  @ApiOperation({ summary: '附件 情况统计表: the 37 rows in printed order for a unit, a prefecture (all its units), a department line (all its regions) or the whole region; JSON, CSV or the printed XLSX' })
  @ApiQuery({ name: 'scope', required: false, example: 'unit:samr/653100', description: 'unit:<dept>/<region> | region:<code> | line:<dept> | all (default: your unit, region, line, or all)' })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one); unknown → 400 naming campaign' })
  @ApiQuery({ name: 'from', required: false, example: '2021-09-01', description: 'first local date counted (on event time)' })
  @ApiQuery({ name: 'to', required: false, example: '2021-12-05', description: 'last local date counted' })
  @ApiQuery({ name: 'asOf', required: false, example: '2021-12-05T18:00:00+08:00', description: 'what the hub knew at that instant (recordedAt)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiResponse({ status: 200, description: '{campaign, scope, rows: [{id, group, label, unit, value, remark}]} or a file' })
  @ApiResponse({ status: 400, description: 'a bad scope/campaign/from/to/asOf/format, named in `fields`' })
  @ApiResponse({ status: 403, description: "a unit asking for another unit's or a region's annex" })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AnnexQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AnnexReport | StreamableFile> {
    const document = await this.annex.annex(principal, query);
    if (document.format === 'json') return document.body;
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${document.fileName}"`);
    return new StreamableFile(typeof document.body === 'string' ? Buffer.from(document.body, 'utf8') : document.body);
  }

  @Get('trace')
  @ApiOperation({
    summary: 'The events behind annex cells, for whoever may read that annex (the same scope rule as GET /api/v1/annex)',
    description: 'Recomputed from the log with the projector\'s rules. With row: the cell, its measure and every event that made it (paged: seq, eventId, type, source, subject, time, recordedAt, amount, distinctKey?). Without: every row with its event ids.',
  })
  @ApiQuery({ name: 'scope', required: false, example: 'unit:samr/653100', description: 'unit:<dept>/<region> | region:<code> | line:<dept> | all (default: your unit, region, line, or all)' })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one)' })
  @ApiQuery({ name: 'from', required: false, example: '2021-09-01' })
  @ApiQuery({ name: 'to', required: false, example: '2021-12-05' })
  @ApiQuery({ name: 'asOf', required: false, example: '2021-12-05T18:00:00+08:00' })
  @ApiQuery({ name: 'row', required: false, example: 'sa-6' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiResponse({ status: 400, description: 'a bad scope/from/to/asOf/row/limit/offset, named in `fields`' })
  @ApiResponse({ status: 403, description: "a unit asking for another unit's or a region's cells" })
  async trace(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<RowTrace | AnnexTrace> {
    return this.traces.trace(query, { defaultScope: defaultScope(principal), authorise: (scope) => authorise(principal, scope) });
  }
}
