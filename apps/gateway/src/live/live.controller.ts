import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BearerAuthGuard, CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { LiveService } from './live.service.js';
import { sseMessage } from './visibility.js';

const HEARTBEAT_MS = 15_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('api/v1/live')
@UseGuards(BearerAuthGuard)
export class LiveController {
  constructor(@Inject(LiveService) private readonly live: LiveService) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events: `projected` {seq, type, subject, source} for each event the projector committed that the token may see',
    description: 'Reconnect with Last-Event-ID to receive what was missed (up to 1000 events).',
  })
  async stream(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): Promise<void> {
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    // Subscribe before the first byte: without read models this still answers a plain 503.
    const unsubscribe = await this.live.subscribe({ principal, send: (head) => response.write(sseMessage(head)), close: () => response.end() });
    response.write('retry: 3000\n\n');
    const lastEventId = Number(request.headers['last-event-id']);
    if (Number.isInteger(lastEventId) && lastEventId >= 0) {
      for (const head of await this.live.replay(principal, lastEventId)) response.write(sseMessage(head));
    }
    response.write(': listening\n\n');
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
