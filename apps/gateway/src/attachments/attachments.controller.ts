import { Body, Catch, Get, Inject, Param, PayloadTooLargeException, Post, Query, Res, UploadedFile, UseFilters, UseInterceptors, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AttachmentItem, AttachmentUploaded } from '@hub/contracts';
import { ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES } from '@hub/domain';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { AttachmentsService, type UploadedAttachment } from './attachments.service.js';

/** Multer stops reading past the largest attachment of any kind: 413 naming the file field. */
@Catch(PayloadTooLargeException)
class AttachmentTooLarge implements ExceptionFilter {
  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(413)
      .json({ statusCode: 413, code: 'BATCH_TOO_LARGE', message: `attachment too large (limit ${MAX_ATTACHMENT_BYTES} bytes)`, fields: [{ path: 'file', message: `is larger than the largest attachment allowed (${MAX_ATTACHMENT_BYTES} bytes)` }] });
  }
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name (Chinese file names). */
const disposition = (kind: 'inline' | 'attachment', fileName: string): string =>
  `${kind}; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

@ApiController('attachments', 'api/v1/attachments')
export class AttachmentsController {
  constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

  @Post()
  @UseFilters(AttachmentTooLarge)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind', 'subject'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
        subject: { type: 'string', example: 'case/C-2021-0012', description: 'your record: case/<id>, report/<campaign>, takedown|inspection|rectification|seizure/<id>' },
      },
    },
  })
  @ApiOperation({ summary: "Attach a file to one of the unit's records: sniffed (PDF, DOCX, JPEG, PNG; executables refused), stored by SHA-256, recorded as attachment.added" })
  @ApiResponse({ status: 201, description: 'stored (duplicate: the same file was already on this record)' })
  @ApiResponse({ status: 400, description: 'names the field: kind, subject, fileName (extension vs content) or file (type, size)' })
  @ApiResponse({ status: 413, description: 'larger than the largest attachment' })
  upload(@CurrentPrincipal() principal: Principal, @Body() body: Record<string, unknown>, @UploadedFile() file: UploadedAttachment | undefined): Promise<AttachmentUploaded> {
    return this.attachments.upload(principal, body ?? {}, file);
  }

  @Get()
  @ApiOperation({ summary: "The attachments of one record of a unit (within the caller's scope)" })
  @ApiQuery({ name: 'unit', example: 'samr/653100' })
  @ApiQuery({ name: 'subject', example: 'case/C-2021-0012' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<AttachmentItem[]> {
    return this.attachments.list(principal, query);
  }

  @Get(':sha256')
  @ApiOperation({ summary: 'Download an attachment (inline: PDFs and photos open in the browser), under the scope of the record it belongs to; logged in the access log' })
  @ApiQuery({ name: 'download', required: false, enum: ['1'], description: 'as a file to save instead of inline' })
  async download(@CurrentPrincipal() principal: Principal, @Param('sha256') sha256: string, @Query('download') asFile: string | undefined, @Res() response: Response): Promise<void> {
    const file = await this.attachments.download(principal, sha256);
    response.setHeader('Content-Type', file.mediaType);
    response.setHeader('Content-Disposition', disposition(asFile === '1' ? 'attachment' : 'inline', file.fileName));
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(Buffer.from(file.bytes));
  }
}
