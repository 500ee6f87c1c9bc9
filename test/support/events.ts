import { randomUUID } from 'node:crypto';

/** Test event builders: valid submissions with fresh ids unless told otherwise. */
export const leadReported = (aggregateId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: randomUUID(),
  type: 'lead.reported',
  subject: `lead/${aggregateId}`,
  time: '2021-10-08T09:30:00+08:00',
  data: {
    category: 'counterfeit',
    channel: 'monitoring',
    platform: 'taobao',
    summary: '网店销售假冒运动鞋',
    entities: [
      { kind: 'uscc', value: '91110000600037341L' },
      { kind: 'shop_url', value: 'https://shop123456.taobao.com/?spm=a1z10.1-c.0.0' },
    ],
  },
  ...overrides,
});

export const leadClosed = (aggregateId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: randomUUID(),
  type: 'lead.closed',
  subject: `lead/${aggregateId}`,
  time: '2021-10-20T10:00:00+08:00',
  data: { outcome: 'no_violation' },
  ...overrides,
});

export const takedown = (aggregateId: string, count: unknown = 12): Record<string, unknown> => ({
  id: randomUUID(),
  type: 'takedown.recorded',
  subject: `takedown/${aggregateId}`,
  time: '2021-10-09T09:30:00+08:00',
  data: { action: 'listing_removed', count, platform: 'taobao' },
});

/** Any catalogue event with a fresh id; `unitTime` defaults inside the campaign. */
export const event = (type: string, subject: string, data: Record<string, unknown>, time = '2021-10-15T10:00:00+08:00'): Record<string, unknown> => ({
  id: randomUUID(),
  type,
  subject,
  time,
  data,
});

export const caseOpened = (aggregateId: string, data: Record<string, unknown> = {}, time?: string): Record<string, unknown> =>
  event(
    'case.opened',
    `case/${aggregateId}`,
    { caseNo: `喀市监立〔2021〕${aggregateId}号`, kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [], ...data },
    time,
  );
