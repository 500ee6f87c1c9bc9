import type { ApiBodyOptions } from '@nestjs/swagger';
import type { ReferralItem } from '@hub/contracts';

/** @nestjs/swagger does not export SchemaObject from its entry point; this is the same type. */
type SchemaObject = Exclude<Extract<ApiBodyOptions, { schema: unknown }>['schema'], { $ref: string }>;

const text = (example?: string): SchemaObject => ({ type: 'string', nullable: true, ...(example === undefined ? {} : { example }) });
const instant: SchemaObject = { type: 'string', format: 'date-time', nullable: true };

export const REFERRAL_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    referralId: { type: 'string', example: 'R-forestry-0007', description: "the sender's id: unique only with the sender (fromUnit)" },
    subject: {
      type: 'string',
      example: 'referral/forestry-653100-referral-R-forestry-0007',
      description: "the referral's subject: answers and feedback are published under it (data names referralId, fromDepartment, fromRegion), its timeline is read there",
    },
    leadId: text('L-2021-0001'),
    kind: { type: 'string', enum: ['transfer', 'assistance'], example: 'assistance', description: 'transfer (移送) or assistance (协查请求 about one of the receiver\'s records)' },
    recordRef: text('samr/653100/lead/L-2021-0001'),
    fromUnit: { type: 'string', example: 'forestry/653100' },
    fromDepartment: text('forestry'),
    fromRegion: text('653100'),
    toUnit: { type: 'string', example: 'police/650100' },
    toDepartment: { type: 'string', example: 'police' },
    toRegion: { type: 'string', example: '650100' },
    reason: text('涉嫌非法收购、出售珍贵野生动物制品'),
    sentAt: instant,
    dueAt: { ...instant, description: 'deadline of the running clock (answer while sent, feedback while accepted), 24:00 local of a working day' },
    answerDueAt: instant,
    feedbackDueAt: instant,
    status: { type: 'string', enum: ['sent', 'accepted', 'rejected', 'returned', 'fed_back'] },
    decision: text('accepted'),
    decisionReason: text(),
    answeredAt: instant,
    feedbackOutcome: text('case_opened'),
    feedbackCaseId: text(),
    feedbackAt: instant,
    sentBy: text('account:A-zhang-wei'),
    answeredBy: text('key:static-police-654000'),
    overdue: { type: 'boolean' },
    overdueClock: { type: 'string', enum: ['answer', 'feedback'], nullable: true },
    overdueSince: instant,
    ageWorkingDays: { type: 'integer', nullable: true, description: 'working days since it was sent (to today, or to when it was settled)' },
    crossRegion: { type: 'boolean' },
    crossDepartment: { type: 'boolean' },
  } satisfies Record<keyof ReferralItem, SchemaObject>,
};

export const REFERRAL_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: REFERRAL_SCHEMA } },
};
