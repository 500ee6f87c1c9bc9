// Demo data for the plan's further actions (issue 19 §3, §5): guidance and interviews (三(二)), quality sampling
// (二(三)三), 7×24 urgent closure requests and their answers (二(六)五), and the case clock events (extension,
// suspension, resumption). Drawn from their own seeded PRNG so the rest of the demo campaign stays as it was. Pure.
import { qualifiedAggregateId } from '@hub/domain';

/** A closure request's answer chain, named by its requester: `closure/<dept>-<region>-closure-<id>`. */
const closureSubjectOf = (fromUnit: string, closureId: string): string => `closure/${qualifiedAggregateId(`${fromUnit}/closure/${closureId}`)}`;

export interface ActionEvent {
  name: string;
  type: string;
  subject: string;
  day: number;
  data: Record<string, unknown>;
}

const pickOne = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const TOPICS = ['亮照亮证亮标公示不全，限期整改', '平台未区分标记自营和非自营业务', '直播带货虚假宣传风险提示', '“双11”促销活动价格行为提醒告诫', '平台内经营者资质审核责任'];
const OPERATORS = ['本地生活服务平台', '某某电商直播基地', '某某跨境电商平台', '某某团购小程序', '某某母婴专营店'];
/** Who samples which of the plan's focus products. */
const SAMPLED: Readonly<Record<string, readonly { product: string; description: string }[]>> = {
  samr: [
    { product: 'food', description: '网售散装坚果' },
    { product: 'elderly_children', description: '儿童玩具' },
    { product: 'clothing_shoes', description: '童鞋' },
    { product: 'cameras', description: '家用监控摄像头' },
    { product: 'furniture_home', description: '电热水壶' },
  ],
  nmpa: [
    { product: 'cosmetics', description: '儿童面霜' },
    { product: 'medical_devices', description: '医用口罩' },
    { product: 'drugs', description: '网售非处方药' },
  ],
};

/** A unit's guidance, interviews and samplings (market regulation and drug regulation). */
export function demoUnitActions(random: () => number, department: string, region: string, at: (day: number) => string): ActionEvent[] {
  const out: ActionEvent[] = [];
  if (department === 'samr') {
    const n = 1 + Math.floor(random() * 3);
    for (let k = 1; k <= n; k += 1) {
      const kind = random() < 0.6 ? 'guidance' : 'interview';
      const day = 10 + Math.floor(random() * 90);
      out.push({
        name: `guidance:${k}`,
        type: 'guidance.given',
        subject: `guidance/G-${region}-${k}`,
        day,
        data: { kind, operatorName: pickOne(random, OPERATORS), topic: pickOne(random, TOPICS), heldAt: at(day), participants: kind === 'interview' && random() < 0.5 ? ['samr', 'cac'] : ['samr'] },
      });
    }
  }
  const sampled = SAMPLED[department];
  if (sampled !== undefined && random() < 0.8) {
    const n = 1 + Math.floor(random() * 2);
    for (let k = 1; k <= n; k += 1) {
      const { product, description } = pickOne(random, sampled);
      const batches = 10 + Math.floor(random() * 60);
      const day = 15 + Math.floor(random() * 80);
      out.push({
        name: `sampling:${k}`,
        type: 'sampling.recorded',
        subject: `sampling/SP-${region}-${k}`,
        day,
        data: { batches, failed: Math.floor(random() * Math.min(8, batches)), productCategory: product, productDescription: description, ...(random() < 0.7 ? { publishedAt: at(day + 10) } : {}) },
      });
    }
  }
  return out;
}

export interface DemoClosure {
  request: ActionEvent;
  /** The addressed unit and its answer, or undefined when it is left unanswered (it turns overdue). */
  answer?: { unit: string; department: string; event: ActionEvent };
}

/** Urgent closure requests of a cac, police or samr unit to the autonomous region's telecom regulator. */
export function demoClosures(random: () => number, department: string, region: string): DemoClosure[] {
  if (!['cac', 'police', 'samr'].includes(department) || random() < 0.5) return [];
  const id = `CL-${region}-1`;
  const day = 20 + Math.floor(random() * 80);
  const host = `${department}-${region}-${Math.floor(random() * 1000)}.example.cn`;
  const request: ActionEvent = {
    name: 'closure:1',
    type: 'closure.requested',
    subject: `closure/${id}`,
    day,
    data: { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: `https://${host}`, reason: pickOne(random, ['网站售卖假药', '网站发布违法有害信息', '网站从事网络诈骗']) },
  };
  const fate = random();
  if (fate < 0.2) return [{ request }];
  const ref = { closureId: id, fromDepartment: department, fromRegion: region };
  const refused = fate < 0.3;
  return [
    {
      request,
      answer: {
        unit: 'telecom/650000',
        department: 'telecom',
        event: {
          name: `closure:${department}/${region}/${id}:answer`,
          type: 'closure.answered',
          subject: closureSubjectOf(`${department}/${region}`, id),
          // The duty officer's answer, dated the next day at the latest (the hours clock runs on the hub's record time).
          day: day + 1,
          data: refused ? { ...ref, decision: 'refused', reason: '该网站接入地不在本区，已转请属地通信管理局处置' } : { ...ref, decision: 'closed' },
        },
      },
    },
  ];
}

/**
 * A market-regulation case still undecided: some are suspended for testing and resumed, some get the head's
 * approval to extend the decision period (第六十四条), so the case board shows moved deadlines.
 */
export function demoCaseClock(random: () => number, caseId: string, openDay: number): ActionEvent[] {
  const roll = random();
  if (roll < 0.35) {
    return [
      { name: `${caseId}:suspended`, type: 'case.suspended', subject: `case/${caseId}`, day: openDay + 5, data: { reason: '涉案商品送检，等待检验报告' } },
      { name: `${caseId}:resumed`, type: 'case.resumed', subject: `case/${caseId}`, day: openDay + 15, data: { note: '检验报告已出具' } },
    ];
  }
  if (roll < 0.55) return [{ name: `${caseId}:extended`, type: 'case.extended', subject: `case/${caseId}`, day: openDay + 20, data: { clock: 'case_decision', approvedBy: '局长', reason: '案情复杂，需进一步调查取证' } }];
  return [];
}

export interface DemoTransfer {
  /** The transferring unit's case: opened, then transferred to the police of its region. */
  events: ActionEvent[];
  /** The police unit's answer (立案), or undefined when it is left unanswered (overdue on its 3-day clock). */
  answer?: { unit: string; department: string; event: ActionEvent };
}

/**
 * 移送公安 (国务院令第310号, issue 19): a market-regulation unit transfers a counterfeit case to the police of its
 * region. The first transferring region's police open a case within the 3 days; the second's never answer, so the
 * transfer turns overdue. Only the first two regions of the demo transfer, so the board shows one of each.
 */
export function demoTransfer(random: () => number, department: string, region: string, regionIndex: number): DemoTransfer | undefined {
  if (department !== 'samr' || regionIndex > 1) return undefined;
  const caseId = `C-samr-${region}-T1`;
  const day = 30 + Math.floor(random() * 40);
  const events: ActionEvent[] = [
    {
      name: `${caseId}:opened`,
      type: 'case.opened',
      subject: `case/${caseId}`,
      day,
      data: { caseNo: `市监立〔2021〕T${region}号`, kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] },
    },
    {
      name: `${caseId}:transferred`,
      type: 'case.transferred',
      subject: `case/${caseId}`,
      day: day + 5,
      data: { toDepartment: 'police', toRegion: region, reason: '涉案金额较大，涉嫌销售假冒注册商标的商品罪，依法移送公安机关' },
    },
  ];
  if (regionIndex === 1) return { events };
  const police = `police/${region}`;
  return {
    events,
    answer: {
      unit: police,
      department: 'police',
      event: {
        name: `${caseId}:transfer_answered`,
        type: 'case.transfer_answered',
        subject: `case/${qualifiedAggregateId(`samr/${region}/case/${caseId}`)}`,
        day: day + 7,
        data: { caseId, fromDepartment: 'samr', fromRegion: region, decision: 'opened', policeCaseId: `GA-${region}-T1` },
      },
    },
  };
}
