import { Body, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import type { HitFeedbackPage, NotificationItem, NotificationPage } from '@hub/contracts';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { NotificationsService } from './notifications.service.js';

@ApiController('views', 'api/v1')
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: '通知: alerts that another unit reported on a value one of the unit\'s open leads or cases carries (at most one per value per day), newest first, with the unread count of the caller' })
  list(@CurrentPrincipal() principal: Principal): Promise<NotificationPage> {
    return this.notifications.list(principal);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks one notification read for the signed-in person (or key)' })
  read(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<NotificationItem> {
    return this.notifications.markRead(principal, id);
  }

  @Post('notifications/:id/feedback')
  @HttpCode(201)
  @ApiOperation({ summary: 'The unit\'s verdict on a hit (like a MISP sighting): a hit.feedback event on hit/<id>, published through its department service' })
  @ApiBody({ schema: { type: 'object', required: ['verdict'], properties: { verdict: { type: 'string', enum: ['confirmed', 'false_positive'] }, note: { type: 'string' }, eventId: { type: 'string', format: 'uuid' } } } })
  feedback(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    return this.notifications.feedback(principal, id, body);
  }

  @Get('hits/feedback')
  @ApiOperation({ summary: 'The joint meeting\'s view of verdicts on hits (confirmed / false positive) with counts per value' })
  feedbackList(@CurrentPrincipal() principal: Principal): Promise<HitFeedbackPage> {
    return this.notifications.feedbackList(principal);
  }
}
