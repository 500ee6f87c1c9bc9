import { referralSubjectId } from '@hub/domain';
import { EventLog, type StoredEventFixture } from './event-log.js';

/** A small deterministic PRNG (mulberry32) so scenarios are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['650100', '650200', '652300', '652900', '653100', '653200', '654000'];
const CATEGORIES = ['counterfeit', 'platform_obligation', 'disclosure_obligation', 'unfair_competition', 'improper_pricing', 'illegal_advertising', 'prohibited_goods', 'consumer_rights', 'other'];
const DRUG_CATEGORIES = ['drug_online_sales', 'device_online_sales', 'device_platform_obligation', 'cosmetics_online_sales'];
const PLATFORMS = ['淘宝', '拼多多', '京东', '抖音', ' 淘宝', 'ＪＤ'];
const SUMMARIES = [
  '网店销售假冒知名品牌运动鞋，价格明显低于市场价，买家评价反映做工粗糙',
  '直播间宣称保健食品具有治疗糖尿病功效，涉嫌虚假违法广告',
  '平台内经营者未公示营业执照信息，且多次变更店铺名称',
  '网络销售电子烟及烟弹，未落实未成年人保护要求',
];

export interface ScenarioOptions {
  seed?: number;
  /** Fraction of events recorded days after they happened (for "as of" queries). */
  lateFraction?: number;
  sign?: boolean;
  /**
   * Chance, per step, of a `<type>.corrected` or `<type>.voided` of a record already in the log (counts,
   * categories, actions, platforms, dates), recorded after it. 0 (the default) leaves the log as before.
   */
  corrections?: number;
  /**
   * Where the log's 117 days begin (ms since the epoch; default 2021-08-25 00:00 +08:00, a few days before the
   * campaign). A bench that runs the hub on today's clock starts it now, so no procedure clock has run out yet.
   */
  from?: number;
}

/** A record the scenario may correct or void later. */
interface Correctable {
  unit: string;
  subject: string;
  recordedAt: string;
  voided: boolean;
}

/**
 * A realistic mixed log of `count` events across departments and regions: leads with entities, referrals
 * answered and fed back by the receiving unit, lead closures, takedowns, inspections, rectification
 * orders, seizures, and cases through their lifecycle, with times inside and just outside the campaign.
 */
export function mixedScenario(count: number, options: ScenarioOptions = {}): StoredEventFixture[] {
  const random = prng(options.seed ?? 2021);
  const log = new EventLog({ sign: options.sign ?? true });
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const region = (): string => pick(REGIONS);
  const late = options.lateFraction ?? 0.1;
  const when = (): { time: string; recordedAt: string } => {
    // 2021-08-25 .. 2021-12-20 (a few days either side of the campaign) unless `from` says otherwise, +08:00 or +06:00 offsets.
    const start = options.from ?? Date.parse('2021-08-25T00:00:00+08:00');
    const instant = start + Math.floor(random() * 117 * 86_400_000);
    const offset = random() < 0.8 ? 8 : 6;
    const local = new Date(instant + offset * 3_600_000).toISOString().slice(0, 19);
    const recorded = instant + (random() < late ? Math.floor(random() * 20 * 86_400_000) : 60_000 + Math.floor(random() * 3_600_000));
    return { time: `${local}+0${offset}:00`, recordedAt: new Date(recorded).toISOString() };
  };
  const leads: { unit: string; id: string; open: boolean }[] = [];
  const cases: { unit: string; id: string; steps: number }[] = [];
  const referrals: { fromUnit: string; toUnit: string; id: string; stage: number }[] = [];
  let n = 0;
  const nextId = (prefix: string): string => `${prefix}-${(n += 1).toString(36)}`;
  const corrections = options.corrections ?? 0;
  const correctable: Correctable[] = [];
  const remember = (event: StoredEventFixture): void => {
    if (corrections > 0) correctable.push({ unit: event.event.source, subject: event.event.subject, recordedAt: event.event.recordedAt, voided: false });
  };

  while (log.events.length < count) {
    if (corrections > 0 && correctable.length > 0 && random() < corrections) {
      const record = pick(correctable);
      if (record.voided) continue;
      const type = record.subject.slice(0, record.subject.indexOf('/'));
      // Recorded after the record (hours to weeks), as a clerk finds the mistake later.
      const recordedAt = new Date(Date.parse(record.recordedAt) + Math.floor(random() * 20 * 86_400_000) + 60_000).toISOString();
      const verb = random() < 0.25 ? 'voided' : 'corrected';
      if (verb === 'voided') record.voided = true;
      const fields = verb === 'voided' ? {} : correctionOf(type, random, pick);
      log.append(record.unit, `${type}.${verb}`, record.subject, { reason: verb === 'voided' ? '重复录入，作废' : '录入错误，更正', ...fields }, { time: recordedAt, recordedAt });
      continue;
    }
    const roll = random();
    if (roll < 0.25) {
      const unit = `${pick(['samr', 'samr', 'cac', 'police', 'nmpa', 'forestry', 'customs'])}/${region()}`;
      const id = nextId('L');
      log.append(unit, 'lead.reported', `lead/${id}`, {
        category: pick(CATEGORIES),
        channel: pick(['monitoring', 'complaint', 'inspection', 'tip']),
        platform: pick(PLATFORMS),
        productCategory: '运动鞋',
        summary: pick(SUMMARIES),
        entities: [
          { kind: 'uscc', value: '91110000600037341L' },
          { kind: 'shop_url', value: `https://shop${Math.floor(random() * 1e6)}.taobao.com/` },
          { kind: 'phone', value: `138${Math.floor(10_000_000 + random() * 89_999_999)}` },
        ],
      }, when());
      remember(log.events[log.events.length - 1] as StoredEventFixture);
      leads.push({ unit, id, open: true });
    } else if (roll < 0.32 && leads.length > 0) {
      const lead = pick(leads);
      if (!lead.open) continue;
      if (random() < 0.5) {
        const toDepartment = lead.unit.startsWith('forestry') ? pick(['police', 'samr', 'cac', 'postal']) : pick(['police', 'samr', 'nmpa']);
        const toUnit = `${toDepartment}/${region()}`;
        const id = nextId(`R-${lead.unit.split('/')[0] ?? 'x'}`);
        log.append(lead.unit, 'lead.referred', `lead/${lead.id}`, { referralId: id, toDepartment, toRegion: toUnit.split('/')[1], reason: '线索涉及其他部门职责，移送处理', dueAt: '2021-11-30T18:00:00+08:00' }, when());
        referrals.push({ fromUnit: lead.unit, toUnit, id, stage: 0 });
      } else {
        log.append(lead.unit, 'lead.closed', `lead/${lead.id}`, { outcome: pick(['case_opened', 'no_violation', 'merged']), caseId: nextId('C') }, when());
        lead.open = false;
      }
    } else if (roll < 0.37 && referrals.length > 0) {
      const referral = pick(referrals);
      if (referral.stage >= 2) continue;
      if (referral.stage === 0) {
        const decision = pick(['accepted', 'accepted', 'rejected', 'returned']);
        log.append(referral.toUnit, 'referral.answered', referralSubject(referral), { ...referralRefOf(referral), decision, ...(decision === 'accepted' ? {} : { reason: '不属于本部门管辖' }) }, when());
      } else {
        log.append(referral.toUnit, 'referral.feedback', referralSubject(referral), { ...referralRefOf(referral), outcome: 'case_opened', caseId: nextId('KS') }, when());
      }
      referral.stage += 1;
    } else if (roll < 0.55) {
      const kind = random();
      const r = region();
      if (kind < 0.5) {
        const [dept, action] = pick([
          ['cac', 'info_removed'],
          ['cac', 'account_closed'],
          ['cac', 'app_rectified'],
          ['telecom', 'app_or_site_disposed'],
          ['police', 'info_removed'],
          ['samr', 'listing_removed'],
          ['samr', 'site_closure_requested'],
          ['samr', 'shop_service_stopped'],
        ] as const);
        remember(log.append(`${dept}/${r}`, 'takedown.recorded', `takedown/${nextId('T')}`, { action, count: 1 + Math.floor(random() * 2000), platform: pick(PLATFORMS), note: '专项整治集中清理' }, when()));
      } else if (kind < 0.8) {
        const [dept, targetKind] = pick([
          ['postal', 'postal_express_company'],
          ['samr', 'website_or_shop'],
          ['samr', 'drug_platform'],
          ['nmpa', 'drug_seller'],
          ['nmpa', 'device_seller'],
          ['nmpa', 'device_platform'],
          ['samr', 'cosmetics_seller'],
        ] as const);
        remember(log.append(`${dept}/${r}`, 'inspection.recorded', `inspection/${nextId('I')}`, { targetKind, count: 1 + Math.floor(random() * 40) }, when()));
      } else if (kind < 0.92) {
        const [dept, targetKind] = pick([
          ['nmpa', 'device_platform'],
          ['samr', 'device_seller'],
          ['samr', 'website'],
        ] as const);
        remember(log.append(`${dept}/${r}`, 'rectification.ordered', `rectification/${nextId('RO')}`, { targetKind, count: 1 + Math.floor(random() * 5) }, when()));
      } else {
        remember(log.append(`customs/${r}`, 'seizure.recorded', `seizure/${nextId('S')}`, { channel: 'postal_express', batches: 1 + Math.floor(random() * 5), pieces: 10 + Math.floor(random() * 500) }, when()));
      }
    } else if (roll < 0.75) {
      const dept = pick(['samr', 'samr', 'nmpa', 'police', 'postal']);
      const unit = `${dept}/${region()}`;
      const id = nextId('C');
      const primaryCategory = dept === 'nmpa' || random() < 0.15 ? pick(DRUG_CATEGORIES) : pick(CATEGORIES);
      const others = CATEGORIES.filter((c) => c !== primaryCategory && random() < 0.12);
      log.append(unit, 'case.opened', `case/${id}`, {
        caseNo: `喀市监立〔2021〕${n}号`,
        kind: dept === 'police' && random() < 0.4 ? 'criminal' : 'administrative',
        primaryCategory,
        otherCategories: others,
        leadIds: [],
        entities: [{ kind: 'uscc', value: '91310110666007217T' }],
        ...(random() < 0.3 ? { targetKind: 'platform', platform: pick(PLATFORMS) } : { targetKind: 'website_or_shop' }),
      }, when());
      remember(log.events[log.events.length - 1] as StoredEventFixture);
      cases.push({ unit, id, steps: 0 });
    } else if (roll < 0.93 && cases.length > 0) {
      const c = pick(cases);
      if (c.steps >= 3) continue;
      const step = pick(['case.decided', 'case.transferred', 'case.closed', 'case.marked_typical'] as const);
      const data: Record<string, Record<string, unknown>> = {
        'case.decided': { decisionNo: `处罚〔2021〕${n}号`, fine: Math.floor(random() * 100_000), confiscation: Math.floor(random() * 1_000_000) / 100 },
        'case.transferred': { toDepartment: 'police', reason: '涉嫌犯罪' },
        'case.closed': { outcome: 'penalty_executed' },
        'case.marked_typical': { reason: '跨区域协作查办' },
      };
      log.append(c.unit, step, `case/${c.id}`, data[step] ?? {}, when());
      c.steps += 1;
    } else {
      log.append(`forestry/${region()}`, 'case.assisted', `case/${nextId('A')}`, { caseRef: '喀公（网安）立字〔2021〕31号', leadDepartment: 'police' }, when());
    }
  }
  return log.events;
}

/** New values for some correctable fields of a record of `type` (what TakedownCorrectedData etc. accept). */
function correctionOf(type: string, random: () => number, pick: <T>(items: readonly T[]) => T): Record<string, unknown> {
  const roll = random();
  if (roll < 0.15) {
    const instant = Date.parse('2021-08-25T00:00:00+08:00') + Math.floor(random() * 117 * 86_400_000);
    return { occurredAt: `${new Date(instant + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00` };
  }
  switch (type) {
    case 'lead':
      return { category: pick(CATEGORIES) };
    case 'takedown':
      return roll < 0.6 ? { count: 1 + Math.floor(random() * 2000) } : roll < 0.8 ? { platform: pick(PLATFORMS) } : { action: pick(['info_removed', 'listing_removed', 'account_closed']) };
    case 'inspection':
    case 'rectification':
      return { count: 1 + Math.floor(random() * 40) };
    case 'seizure':
      return roll < 0.6 ? { pieces: 10 + Math.floor(random() * 500) } : { batches: 1 + Math.floor(random() * 5) };
    default: {
      if (roll < 0.5) return { platform: pick(PLATFORMS) };
      const primaryCategory = pick(CATEGORIES);
      return { primaryCategory, otherCategories: CATEGORIES.filter((c) => c !== primaryCategory && random() < 0.12) };
    }
  }
}

/** A referral's answers live under its sender-qualified subject and name the sender. */
function referralSubject(referral: { fromUnit: string; id: string }): string {
  return `referral/${referralSubjectId(referral.fromUnit, referral.id)}`;
}

function referralRefOf(referral: { fromUnit: string; id: string }): { referralId: string; fromDepartment: string; fromRegion: string } {
  const [fromDepartment = '', fromRegion = ''] = referral.fromUnit.split('/');
  return { referralId: referral.id, fromDepartment, fromRegion };
}
