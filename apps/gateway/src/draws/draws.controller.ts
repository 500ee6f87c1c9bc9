import { Body, Get, HttpCode, Inject, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBody, ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { DrawVerification } from '@hub/domain';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { DrawsService, type DrawItemView } from './draws.service.js';

@ApiController('views', 'api/v1/draws')
export class DrawsController {
  constructor(@Inject(DrawsService) private readonly draws: DrawsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '双随机: a unit commits a draw over its region\'s operator register (snapshot + inspector list hashed); the joint office then reveals seed and selection' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['id', 'item'],
      properties: {
        id: { type: 'string', example: 'D-2021-0001' },
        item: { type: 'string', example: 'key-01' },
        kind: { type: 'string' },
        status: { type: 'string', enum: ['compliant', 'deficient'] },
        sampleSize: { type: 'integer' },
        sampleRatio: { type: 'number', example: 0.05 },
        inspectorsPerTarget: { type: 'integer', default: 2 },
        eventId: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiQuery({ name: 'campaign', required: false, description: 'the campaign now falls in (the default); any other is a 400 naming campaign. Its draw lists name the items and inspectors; a campaign without draw lists is a 409 naming it' })
  commit(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Query() query: Record<string, unknown>): Promise<unknown> {
    return this.draws.commit(principal, body, query);
  }

  @Get()
  @ApiOperation({ summary: 'Draws of one campaign (those committed in its time) in the caller\'s scope (a unit its own, coordinators and auditors all)' })
  @ApiQuery({ name: 'campaign', required: false, description: 'campaign id (default: the current one); unknown → 400 naming campaign' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<{ campaign: string; total: number; items: DrawItemView[] }> {
    return this.draws.list(principal, query);
  }

  @Get('items')
  @ApiOperation({ summary: 'The spot-check items (重点/一般检查事项) of one campaign\'s draw lists; drawLists false: the campaign has no draw lists, so no draw can be committed in it' })
  @ApiQuery({ name: 'campaign', required: false, description: 'campaign id (default: the current one); unknown → 400 naming campaign' })
  items(@Query() query: Record<string, unknown>): ReturnType<DrawsService['items']> {
    return this.draws.items(query);
  }

  @Get('publication')
  @ApiOperation({ summary: '公示: draws and their results in scope, person names masked (张*), conflict reasons withheld; JSON, or CSV (one line per drawn operator) to publish' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiQuery({ name: 'campaign', required: false, description: 'campaign id (default: the current one)' })
  async publication(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<unknown> {
    const document = await this.draws.publicationDocument(principal, query);
    if (document.format === 'json') return document.body;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${document.fileName}"`);
    return new StreamableFile(Buffer.from(document.body, 'utf8'));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One draw: `<dept>-<region>-draw-<id>` (a unit may say just its own id)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DrawItemView> {
    return this.draws.get(principal, id);
  }

  @Get(':id/verify')
  @ApiOperation({ summary: 'Recompute the draw from the archived log: snapshot hashes against the register as of registerSeq, inspector list, joint signature, seed, selection' })
  verify(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DrawVerification & { id: string }> {
    return this.draws.verify(principal, id);
  }
}
