import { Controller, Get, Inject, Param, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEPARTMENT_LABELS, entrySheetsFor, HubError, isReportingDepartment, regionName } from '@hub/domain';
import { renderEntryTemplate } from '@hub/reports';
import { BearerAuthGuard, CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query as QueryParams } from '../common/query-params.js';
import { UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('api/v1/templates')
@UseGuards(BearerAuthGuard)
export class TemplatesController {
  constructor(@Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits) {}

  @Get(':file')
  @ApiOperation({ summary: "A department's data-entry template: one sheet per kind of work it reports, dropdowns from the catalogues, instructions and example rows" })
  @ApiParam({ name: 'file', example: 'samr.xlsx' })
  @ApiResponse({ status: 200, description: 'the XLSX' })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: "campaign id (default: the current one): its annex decides the sheets" })
  @ApiResponse({ status: 404, description: 'not `<reporting department>.xlsx`' })
  async template(@CurrentPrincipal() principal: Principal, @Param('file') file: string, @Query() query: QueryParams, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const read = new QueryReader(query, ['campaign']);
    const campaign = read.campaign();
    read.done();
    const department = /^([a-z_]+)\.xlsx$/.exec(file)?.[1];
    if (!department || !isReportingDepartment(department)) throw new HubError('NOT_FOUND', `no template ${file}: ask for <department>.xlsx, e.g. samr.xlsx`);
    const unitLabel =
      principal.kind === 'unit' && principal.department === department
        ? `${regionName(principal.region, campaign.regionTableYear) ?? principal.region}${DEPARTMENT_LABELS[department]}`
        : DEPARTMENT_LABELS[department];
    const body = await renderEntryTemplate(entrySheetsFor(department, campaign), {
      unitLabel,
      maxRows: this.limits.maxRows,
      campaign: `${campaign.name}（${campaign.start}至${campaign.end}）`,
    });
    response.setHeader('Content-Type', XLSX_TYPE);
    // RFC 5987 for the Chinese name; the ASCII one for old clients.
    const chineseName = encodeURIComponent(`网剑行动填报模板-${campaign.start.slice(0, 4)}-${DEPARTMENT_LABELS[department]}.xlsx`);
    response.setHeader('Content-Disposition', `attachment; filename="${department}.xlsx"; filename*=UTF-8''${chineseName}`);
    return new StreamableFile(body);
  }
}
