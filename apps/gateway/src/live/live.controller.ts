import { Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { LiveService } from './live.service.js';
import { sseMessage } from './visibility.js';
import { send } from './feed-writer.js';

const HEARTBEAT_MS = 15_000;

@ApiController('live', 'api/v1/live')
export class LiveController {
  constructor(@Inject(LiveService) private readonly live: LiveService) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events: `projected` {seq, type, subject, source} for each event the projector committed that the token may see',
    description: 'Reconnect with Last-Event-ID to receive what was missed (up to 1000 events).',
  })
  async stream(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): Promise<void> {
    // Everything that must be undone when the client goes is registered before the first await: a client
    // that disconnects while we wait for PostgreSQL must not leave its subscription (or its slot) behind.
    const feed: { heartbeat?: NodeJS.Timeout } = {};
    let gone = false;
    const unsubscribe = this.live.admit({ principal, send: (head) => send(response, sseMessage(head)), close: () => response.end() });
    response.on('close', () => {
      gone = true;
      clearInterval(feed.heartbeat);
      unsubscribe();
    });
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    try {
      // Listening before the first byte: without read models this still answers a plain 503.
      await this.live.listening();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    if (gone) return;
    response.status(200);
    send(response, 'retry: 3000\n\n');
    const lastEventId = Number(request.headers['last-event-id']);
    if (Number.isInteger(lastEventId) && lastEventId >= 0) {
      for (const head of await this.live.replay(principal, lastEventId)) send(response, sseMessage(head));
    }
    if (gone) return;
    send(response, ': listening\n\n');
    feed.heartbeat = setInterval(() => send(response, ': keep-alive\n\n'), HEARTBEAT_MS);
  }
}
