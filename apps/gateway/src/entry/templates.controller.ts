import { Controller, Get, Inject, Param, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEPARTMENT_LABELS, entrySheetsFor, HubError, isReportingDepartment, NET_SWORD_2021, regionName } from '@hub/domain';
import { renderEntryTemplate } from '@hub/reports';
import { BearerAuthGuard, CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
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
  @ApiResponse({ status: 404, description: 'not `<reporting department>.xlsx`' })
  async template(@CurrentPrincipal() principal: Principal, @Param('file') file: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const department = /^([a-z_]+)\.xlsx$/.exec(file)?.[1];
    if (!department || !isReportingDepartment(department)) throw new HubError('NOT_FOUND', `no template ${file}: ask for <department>.xlsx, e.g. samr.xlsx`);
    const unitLabel =
      principal.kind === 'unit' && principal.department === department
        ? `${regionName(principal.region) ?? principal.region}${DEPARTMENT_LABELS[department]}`
        : DEPARTMENT_LABELS[department];
    const body = await renderEntryTemplate(entrySheetsFor(department, NET_SWORD_2021), { unitLabel, maxRows: this.limits.maxRows });
    response.setHeader('Content-Type', XLSX_TYPE);
    // RFC 5987 for the Chinese name; the ASCII one for old clients.
    const chineseName = encodeURIComponent(`网剑行动填报模板-${DEPARTMENT_LABELS[department]}.xlsx`);
    response.setHeader('Content-Disposition', `attachment; filename="${department}.xlsx"; filename*=UTF-8''${chineseName}`);
    return new StreamableFile(body);
  }
}
