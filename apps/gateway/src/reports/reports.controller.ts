import { Body, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ReportFiled } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ReportFilingService } from './report-filing.service.js';
import { ReportPackageService } from './report-package.service.js';

@ApiController('reports', 'api/v1/reports')
export class ReportsController {
  constructor(
    @Inject(ReportFilingService) private readonly filing: ReportFilingService,
    @Inject(ReportPackageService) private readonly packages: ReportPackageService,
  ) {}

  @Post('file')
  @HttpCode(201)
  @ApiOperation({ summary: "A unit files its 12-05 package: report.submitted with the annex figures computed from the log now (hash, checkpoint), its typical cases with their decision documents, the summary and joint-enforcement attachments of its report" })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['summary'],
      properties: {
        summary: { type: 'string', description: '工作总结 text' },
        typicalCaseIds: { type: 'array', items: { type: 'string' }, description: 'default: the cases the unit marked typical' },
        summaryAttachment: { type: 'string', description: 'SHA-256 of a summary document attached to report/<campaign> (default: the latest)' },
        jointEnforcementAttachments: { type: 'array', items: { type: 'string' }, description: 'default: all joint-enforcement material attached to the report' },
        jointEnforcementNote: { type: 'string' },
        campaign: { type: 'string', example: 'net-sword-2021' },
        id: { type: 'string', format: 'uuid', description: 'idempotency key' },
      },
    },
  })
  @ApiResponse({ status: 201, description: 'the filing as signed, with its version and stream position' })
  @ApiResponse({ status: 400, description: 'names the field (summary, typicalCaseIds[i], summaryAttachment, jointEnforcementAttachments[i] …)' })
  file(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ReportFiled> {
    return this.filing.file(principal, body);
  }

  @Get(':department/:region/package.zip')
  @ApiOperation({ summary: "The unit's filed package as a zip: annex.xlsx (printed form of the filed figures), annex.json, summary, typical cases with decisions, materials, manifest.json (SHA-256 of every file, the signed filing, its checkpoint)" })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021' })
  @ApiResponse({ status: 404, description: 'the unit has filed nothing (or filed without figures)' })
  async package(@CurrentPrincipal() principal: Principal, @Param('department') department: string, @Param('region') region: string, @Query('campaign') campaign: string | undefined, @Res() response: Response): Promise<void> {
    const zip = await this.packages.package(principal, `${department}/${region}`, campaign);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', `attachment; filename="${zip.fileName}"`);
    response.end(zip.bytes);
  }
}
