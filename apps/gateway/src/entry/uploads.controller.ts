import { Controller, Get, Inject, Param, Post, Query, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { UploadCommitResult, UploadPreview } from '@hub/contracts';
import { BearerAuthGuard, CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import type { Query as QueryParams } from '../common/query-params.js';
import { uploadLimitsFromEnv } from './upload-limits.js';
import { UploadsService, type UploadedFile as EntryUpload } from './uploads.service.js';

// Multer's limits are fixed when the route is declared, so they come from the environment here too; the
// file is held in memory (multer's default without `dest`, bounded by maxBytes) because the XLSX reader needs it whole anyway.
const LIMITS = uploadLimitsFromEnv();

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('api/v1/uploads')
@UseGuards(BearerAuthGuard)
export class UploadsController {
  constructor(@Inject(UploadsService) private readonly uploads: UploadsService) {}

  @Post()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: LIMITS.maxBytes, files: 1, fields: 10 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: '填好的模板（.xlsx）或一个工作表的 CSV' } } } })
  @ApiOperation({ summary: "Preview a filled entry template (XLSX or CSV) as the token's unit: per row what will be stored, duplicates and errors in Chinese" })
  @ApiResponse({ status: 201, description: 'the preview; nothing stored yet' })
  @ApiResponse({ status: 400, description: 'not a spreadsheet, encrypted, a zip bomb, too many rows or a wrong template version (`fileError`); nothing stored' })
  @ApiResponse({ status: 413, description: 'the file is larger than HUB_MAX_UPLOAD_BYTES' })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: "campaign id (default: the current one): the sheets of its template are read" })
  async preview(@CurrentPrincipal() principal: Principal, @UploadedFile() file: EntryUpload | undefined, @Query() query: QueryParams): Promise<UploadPreview> {
    return this.uploads.preview(principal, file, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The preview of an upload of your unit, until it expires' })
  find(@CurrentPrincipal() principal: Principal, @Param('id') id: string): UploadPreview {
    return this.uploads.find(principal, id);
  }

  @Post(':id/commit')
  @ApiOperation({ summary: "Store the preview's valid rows through the submit path; committing again answers the same result" })
  @ApiResponse({ status: 201, description: 'per event: stored, already stored (an earlier upload of the same row) or failed' })
  @ApiResponse({ status: 404, description: 'no such upload of your unit (expired: upload again)' })
  async commit(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<UploadCommitResult> {
    return this.uploads.commit(principal, id);
  }
}
