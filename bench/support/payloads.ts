import { randomUUID } from 'node:crypto';

/** The unit every benchmark submits as, so all scenarios write the same subjects. */
export const BENCH_UNIT = 'samr/653100';

const SUMMARIES = [
  '网店销售假冒知名品牌运动鞋，价格明显低于市场价，买家评价反映做工粗糙，店铺多次更名',
  '直播间宣称保健食品具有治疗糖尿病功效，涉嫌虚假违法广告，主播引导私下交易',
  '平台内经营者未公示营业执照信息，且多次变更店铺名称，消费者投诉集中',
  '网络销售电子烟及烟弹，未落实未成年人保护要求，页面无年龄核验提示',
];

/**
 * When the bench's events happened. A departmental system reports what it finds as it finds it, so by default the
 * events carry the time they are sent: with the campaign's 2021 date every lead's procedure clocks have long run out,
 * and coordination answered each bench request with a `case.overdue` notice of its own (three events stored per
 * request instead of two). `BENCH_EVENTS_2021=1` keeps the 2021 date, for comparison with runs before 2026-12-07.
 */
function benchEventTime(): string {
  if (process.env.BENCH_EVENTS_2021 === '1') return '2021-10-08T09:30:00+08:00';
  return new Date().toISOString();
}

/**
 * One submission as a departmental system sends it: a lead with three entities, ~500 bytes of JSON.
 * Every benchmark (raw JetStream, the hub, Emmett) writes exactly these objects, one aggregate each.
 */
export function benchSubmission(n: number, run: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: 'lead.reported',
    subject: `lead/${run}-${n.toString(36)}`,
    time: benchEventTime(),
    data: {
      category: 'counterfeit',
      channel: 'monitoring',
      platform: '淘宝',
      productCategory: 'clothing_shoes',
      productDescription: '运动鞋',
      summary: SUMMARIES[n % SUMMARIES.length],
      entities: [
        { kind: 'uscc', value: '91110000600037341L' },
        { kind: 'shop_url', value: `https://shop${100_000 + (n % 900_000)}.taobao.com/?spm=a1z10.1-c.0.0` },
        { kind: 'phone', value: '+86 138 0013 8000' },
      ],
    },
  };
}

export function benchSubmissions(count: number, run: string): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => benchSubmission(n, run));
}

export function averageBytes(events: readonly unknown[]): number {
  return Math.round(events.reduce<number>((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / Math.max(1, events.length));
}
