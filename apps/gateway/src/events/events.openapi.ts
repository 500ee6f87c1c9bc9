import type { ApiBodyOptions } from '@nestjs/swagger';
import { EVENT_EXAMPLES, EVENT_TYPE_LABELS, EVENT_TYPES } from '@hub/domain';

/** @nestjs/swagger does not export SchemaObject from its entry point; this is the same type. */
type SchemaObject = Exclude<Extract<ApiBodyOptions, { schema: unknown }>['schema'], { $ref: string }>;

const EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'type', 'subject', 'time', 'data'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'chosen by the publisher (UUID v7 recommended); the idempotency key' },
    type: { type: 'string', example: 'lead.reported' },
    subject: { type: 'string', example: 'lead/L-2021-0001', description: '<aggregateType>/<aggregateId>, id of [A-Za-z0-9_-]' },
    time: { type: 'string', format: 'date-time', example: '2021-10-08T09:30:00+08:00' },
    expectedVersion: { type: 'integer', minimum: 0, description: 'the aggregate version this event follows; 0 = new aggregate' },
    data: { type: 'object', example: { category: 'counterfeit', channel: 'monitoring', summary: '网店销售假冒运动鞋', entities: [{ kind: 'uscc', value: '91110000600037341L' }] } },
  },
};

/** A referral answer as stored: named by its sender (subject and data), since referral ids are the sender's. */
const REFERRAL_ANSWER_EXAMPLE = {
  id: '0190f3c2-7a4b-7cde-8f01-000000000003',
  type: 'referral.answered',
  subject: 'referral/forestry-653100-referral-R-forestry-0007',
  time: '2021-10-08T09:30:00+08:00',
  data: { referralId: 'R-forestry-0007', fromDepartment: 'forestry', fromRegion: '653100', decision: 'accepted' },
};

export const SUBMISSION_SCHEMA: SchemaObject = {
  oneOf: [EVENT_SCHEMA, { type: 'array', items: EVENT_SCHEMA }],
  example: REFERRAL_ANSWER_EXAMPLE,
  description:
    'Referral answers and feedback (`referral.answered`, `referral.feedback`) name the referral by its sender: subject `referral/<fromDept>-<fromRegion>-referral-<referralId>`, ' +
    'data `referralId`, `fromDepartment`, `fromRegion`. A bare `referral/<referralId>` without the sender fields is accepted when it names exactly one referral addressed to the caller.',
};

/** One valid submission per event type (the catalogue's examples, e.g. operator.registered), named by type. */
export const SUBMISSION_EXAMPLES: Record<string, { summary: string; value: unknown }> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, { summary: `${EVENT_TYPE_LABELS[type]} (POST as ${EVENT_EXAMPLES[type].department})`, value: EVENT_EXAMPLES[type].event }]),
);

export const SUBMISSION_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          subject: { type: 'string' },
          version: { type: 'integer' },
          seq: { type: 'integer', description: 'stream sequence in HUB_EVENTS' },
          duplicate: { type: 'boolean' },
          flags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string' },
    fields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', example: '[3].data.count' }, message: { type: 'string' } } } },
    conflicts: { type: 'array', items: { type: 'object' } },
    results: { type: 'array', items: { type: 'object' } },
    quota: {
      type: 'object',
      description: 'a quota refusal (QUOTA_EVENTS_PER_DAY, QUOTA_STORED_BYTES): the unit’s limit, its use and what the submission asked for',
      properties: { limit: { type: 'integer' }, used: { type: 'integer' }, requested: { type: 'integer' } },
    },
    retryAfterSeconds: { type: 'integer', description: '429: seconds until a retry may succeed (also Retry-After)' },
  },
};
