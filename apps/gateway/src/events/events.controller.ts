import { Body, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { answerOf, EventsService } from './events.service.js';
import { SUBMISSION_EXAMPLES, SUBMISSION_SCHEMA, SUBMISSION_RESULT_SCHEMA, ERROR_SCHEMA } from './events.openapi.js';

@ApiController('events', 'api/v1/departments')
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  @Post(':dept/events')
  @ApiOperation({
    summary: 'Submit one event or a batch (up to HUB_MAX_BATCH) as the token\'s reporting unit',
    description:
      'Each event is validated, versioned within its aggregate, hashed, signed by the department and appended to the log. ' +
      'Ids are idempotency keys: an id already stored is answered with `duplicate: true`, never stored twice.',
  })
  @ApiParam({ name: 'dept', example: 'samr' })
  @ApiBody({ schema: SUBMISSION_SCHEMA, examples: SUBMISSION_EXAMPLES })
  @ApiResponse({ status: 201, description: 'every event stored (or already stored)', schema: SUBMISSION_RESULT_SCHEMA })
  @ApiResponse({ status: 400, description: 'invalid input; `fields` names each failing path, nothing stored', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 401, description: 'missing or unknown token', schema: ERROR_SCHEMA })
  @ApiResponse({
    status: 403,
    description: "the token's unit belongs to another department, or is not a unit; or `NOT_ADDRESSED_TO_YOU`: a referral answer or feedback, a closure.answered or a case.transfer_answered for a request addressed to another unit",
    schema: ERROR_SCHEMA,
  })
  @ApiResponse({
    status: 404,
    description:
      '`UNKNOWN_REFERRAL`: a referral answer or feedback names a referral whose lead.referred is not recorded (a bare `referralId` is looked up among the referrals addressed to the caller); `UNKNOWN_CLOSURE`: a closure.answered names a closure request ' +
      'no unit recorded (`data.closureId`); `UNKNOWN_TRANSFER`: a case.transfer_answered names a case its unit never transferred (`data.caseId`)',
    schema: ERROR_SCHEMA,
  })
  @ApiResponse({
    status: 409,
    description:
      'an expectedVersion was stale (`VERSION_CONFLICT`; `conflicts` carry the current version, `results` say what was stored), or a lifecycle rule ' +
      'refused an event (`code` names it, e.g. `CASE_NOT_OPENED`, `TAKEDOWN_ALREADY_RECORDED`; `fields[0].path` the event; nothing of the batch stored), ' +
      'or a referral rule did (`SELF_REFERRAL`, `REFERRAL_EXISTS`: the sender already used that referralId; `AMBIGUOUS_REFERRAL`: a bare referralId names ' +
      'referrals of several senders, name one with fromDepartment/fromRegion)',
    schema: ERROR_SCHEMA,
  })
  @ApiResponse({ status: 413, description: 'too many events or too large a body', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 429, description: 'the unit used its events of the day (`QUOTA_EVENTS_PER_DAY`, `quota.limit`; `Retry-After`: seconds to local midnight), or the token sends too fast (`RATE_LIMITED`)', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 503, description: 'NATS or the department service is unavailable; retry with the same ids', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 507, description: 'the unit stored its quota of bytes (`QUOTA_STORED_BYTES`, `quota.limit`); nothing of the submission stored', schema: ERROR_SCHEMA })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('dept') department: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const answer = answerOf(await this.events.submit(principal, department, body));
    response.status(answer.status);
    if (answer.retryAfter !== undefined) response.setHeader('Retry-After', answer.retryAfter);
    return answer.body;
  }
}
