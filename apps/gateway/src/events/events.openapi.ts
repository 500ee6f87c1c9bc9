import type { ApiBodyOptions } from '@nestjs/swagger';

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

export const SUBMISSION_SCHEMA: SchemaObject = { oneOf: [EVENT_SCHEMA, { type: 'array', items: EVENT_SCHEMA }] };

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
  },
};
