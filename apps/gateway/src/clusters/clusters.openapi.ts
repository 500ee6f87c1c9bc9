import type { ApiBodyOptions } from '@nestjs/swagger';
import type { ClusterHistoryEntry, ClusterMember, ClusterSummary, JurisdictionSuggestion } from '@hub/contracts';

/** @nestjs/swagger does not export SchemaObject from its entry point; this is the same type. */
type SchemaObject = Exclude<Extract<ApiBodyOptions, { schema: unknown }>['schema'], { $ref: string }>;

const strings: SchemaObject = { type: 'array', items: { type: 'string' } };

const WARNING_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'the value is on a warning list (campaign data): it links nothing',
  properties: { warning: { type: 'string', example: '已知平台客服号码' }, why: { type: 'string', example: '支付宝客服热线' }, version: { type: 'string' } },
};

/** Every field of a contract type, documented (a field added to or removed from the contract breaks this compile). */
type PropertiesOf<T> = Record<keyof T, SchemaObject>;

export const CLUSTER_SUMMARY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    clusterId: { type: 'string', example: 'samr-653100-lead-L-SHOP-1', description: 'derived from the first member, stable across replays' },
    formedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    keys: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string', example: 'shop_url' }, value: { type: 'string', example: 'taobao:shop:778899' } } } },
    regions: { ...strings, example: ['650100', '653100'] },
    departments: { ...strings, example: ['police', 'samr'] },
    crossRegion: { type: 'boolean' },
    crossDepartment: { type: 'boolean' },
    leadCount: { type: 'integer', example: 2 },
    memberCount: { type: 'integer', example: 3, description: 'members of any kind (leads and cases)' },
  } satisfies PropertiesOf<ClusterSummary>,
};

export const CLUSTER_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: CLUSTER_SUMMARY_SCHEMA } },
};

export const CLUSTER_DETAIL_SCHEMA: SchemaObject = {
  allOf: [
    CLUSTER_SUMMARY_SCHEMA,
    {
      type: 'object',
      properties: {
        members: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              leadId: { type: 'string', example: 'L-SHOP-7' },
              member: { type: 'string', example: 'police/650100/lead/L-SHOP-7' },
              subject: { type: 'string', example: 'lead/L-SHOP-7' },
              unit: { type: 'string', example: 'police/650100' },
              department: { type: 'string' },
              region: { type: 'string' },
              category: { type: 'string', nullable: true },
              summary: { type: 'string', nullable: true },
              reportedAt: { type: 'string', format: 'date-time', nullable: true },
              visibility: { type: 'string', enum: ['content', 'existence'], description: 'existence: shared above your level (summary and key withheld); request it from the holder' },
              via: { type: 'string', enum: ['key', 'manual'] },
              key: { type: 'string', example: 'shop_url:taobao:shop:778899', description: 'the key it joined by (via key)' },
              joinedAt: { type: 'string', format: 'date-time' },
              warnings: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, value: { type: 'string' }, warning: WARNING_SCHEMA } } },
            } satisfies PropertiesOf<ClusterMember>,
          },
        },
        suggestions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              leadId: { type: 'string' },
              member: { type: 'string' },
              suggestedDepartment: { type: 'string', example: 'samr' },
              suggestedRegion: { type: 'string', example: '653100' },
              reason: { type: 'string' },
              basis: { type: 'string', example: 'registration_area' },
            } satisfies PropertiesOf<JurisdictionSuggestion>,
          },
        },
        history: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              type: { type: 'string', enum: ['cluster.formed', 'cluster.grown', 'cluster.linked', 'cluster.unlinked'] },
              at: { type: 'string', format: 'date-time' },
              by: { type: 'string', enum: ['correlation', 'coordinator'] },
              members: strings,
              leadId: { type: 'string' },
              keys: strings,
              reason: { type: 'string' },
            } satisfies PropertiesOf<ClusterHistoryEntry>,
          },
        },
        feedback: {
          type: 'array',
          description: 'units\' verdicts on hits on the cluster\'s values (joint meeting only)',
          items: { type: 'object', properties: { kind: { type: 'string' }, value: { type: 'string' }, confirmed: { type: 'integer' }, falsePositive: { type: 'integer' } } },
        },
      },
    },
  ],
};

export const OVER_CORRELATING_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string', example: 'phone' }, value: { type: 'string', example: '13800138000' }, count: { type: 'integer', example: 51 } } } },
  },
};

export const MANUAL_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['leadId', 'reason'],
  properties: {
    leadId: { type: 'string', example: 'police/650100/lead/L-SHOP-7', description: 'the qualified lead or case <dept>/<region>/lead|case/<id> (ids are unique per unit only)' },
    reason: { type: 'string', example: '复核后确认同一经营者', description: 'required: why (recorded in the event)' },
    id: { type: 'string', format: 'uuid', description: 'optional idempotency key: a retry with the same id is answered with the stored event and duplicate: true' },
  },
};

export const MANUAL_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    duplicate: { type: 'boolean', description: 'true: this id was decided before; the stored event is returned, nothing new recorded' },
    event: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        type: { type: 'string', enum: ['cluster.linked', 'cluster.unlinked'] },
        subject: { type: 'string', example: 'cluster/samr-653100-lead-L-SHOP-1' },
        time: { type: 'string', format: 'date-time' },
        data: { type: 'object', example: { clusterId: 'samr-653100-lead-L-SHOP-1', members: ['police/650100/lead/L-SHOP-7'], reason: '复核后确认同一经营者' } },
        seq: { type: 'integer', description: 'stream sequence in HUB_EVENTS' },
      },
    },
  },
};
