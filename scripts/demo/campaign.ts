// A realistic 2021 网剑行动 for demos, generated from a seed: 13 departments × 15 regions, 2021-09-01 →
// 2021-12-15. Event ids are derived from the seed, so running the demo twice stores everything once
// (the hub answers the second run `duplicate: true`). Pure: no I/O.
import { createHash } from 'node:crypto';
import { REPORTING_DEPARTMENTS, referralSubjectId, regionsFor, usccCheckChar, USCC_CHARSET } from '@hub/domain';
import { demoCaseClock, demoClosures, demoTransfer, demoUnitActions, type ActionEvent } from './actions.js';
import { demoProduct, demoRegister } from './register.js';

export interface DemoEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

/** Events one unit submits in one request. */
export interface DemoBatch {
  department: string;
  unit: string;
  events: DemoEvent[];
}

export interface DemoCampaign {
  /** Phase 1: leads, referrals, takedowns, inspections, seizures, cases, reports. */
  facts: DemoBatch[];
  /** Phase 2 (after the referrals are projected): the receivers' answers and feedback. */
  answers: DemoBatch[];
  referrals: number;
}

/** Mulberry32: a small, fast, seeded PRNG (the same seed gives the same campaign). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID (version 8, name-based) from the seed and a name: stable across runs. */
function stableId(seed: number, name: string): string {
  const hex = createHash('sha256').update(`${seed}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const REGION_SHORT: Record<string, string> = {
  '650000': '新',
  '650100': '乌',
  '650200': '克',
  '650400': '吐',
  '650500': '哈',
  '652300': '昌',
  '652700': '博',
  '652800': '巴',
  '652900': '阿',
  '653000': '克州',
  '653100': '喀',
  '653200': '和',
  '654000': '伊',
  '654200': '塔',
  '654300': '勒',
};
const DEPT_SHORT: Record<string, string> = {
  samr: '市监',
  nmpa: '药监',
  propaganda: '宣',
  cac: '网信',
  police: '公',
  commerce: '商',
  culture_tourism: '文旅',
  forestry: '林草',
  customs: '关',
  tax: '税',
  telecom: '通管',
  postal: '邮管',
  pboc: '人行',
};

/** What each department mostly finds (lead categories), its lead channel and its typical annex work. */
const PROFILE: Record<string, { categories: string[]; weight: number }> = {
  samr: { categories: ['counterfeit', 'illegal_advertising', 'consumer_rights', 'improper_pricing', 'platform_obligation', 'disclosure_obligation', 'unfair_competition', 'food_safety'], weight: 10 },
  nmpa: { categories: ['drug_online_sales', 'device_online_sales', 'cosmetics_online_sales', 'device_platform_obligation'], weight: 5 },
  propaganda: { categories: ['illegal_advertising', 'other'], weight: 1 },
  cac: { categories: ['personal_information', 'illegal_advertising', 'other'], weight: 4 },
  police: { categories: ['counterfeit', 'personal_information', 'prohibited_goods'], weight: 5 },
  commerce: { categories: ['consumer_rights', 'platform_obligation'], weight: 2 },
  culture_tourism: { categories: ['consumer_rights', 'other'], weight: 1 },
  forestry: { categories: ['wildlife'], weight: 3 },
  customs: { categories: ['counterfeit', 'prohibited_goods'], weight: 3 },
  tax: { categories: ['other'], weight: 1 },
  telecom: { categories: ['personal_information', 'other'], weight: 2 },
  postal: { categories: ['prohibited_goods', 'wildlife'], weight: 2 },
  pboc: { categories: ['other', 'consumer_rights'], weight: 1 },
};

const SUMMARIES: Record<string, string[]> = {
  counterfeit: ['网店销售假冒知名品牌运动鞋', '直播间销售假冒化妆品', '电商平台销售仿冒名牌箱包'],
  illegal_advertising: ['网店宣传保健食品具有治疗功效', '短视频平台发布虚假医疗广告', '网页广告使用“国家级”“最佳”等绝对化用语'],
  consumer_rights: ['网店虚构原价进行价格欺诈', '预付卡商家关店跑路', '盲盒销售不公示抽取概率'],
  improper_pricing: ['平台商家先提价后打折', '节日促销虚假折扣'],
  platform_obligation: ['平台未核验入驻商家资质', '平台未及时处置违法商品信息'],
  disclosure_obligation: ['网店未公示营业执照信息'],
  unfair_competition: ['商家组织刷单炒信', '网店恶意诋毁竞争对手商品'],
  food_safety: ['网店销售无证自制食品'],
  drug_online_sales: ['网店违规销售处方药', '无资质网络销售药品'],
  device_online_sales: ['网店销售未注册医疗器械'],
  cosmetics_online_sales: ['网店销售未备案进口化妆品'],
  device_platform_obligation: ['平台未审核医疗器械经营资质'],
  personal_information: ['APP违规收集使用个人信息', '网上非法买卖公民个人信息'],
  prohibited_goods: ['网上销售管制刀具', '网店销售电子烟给未成年人', '网上销售GOIP设备'],
  wildlife: ['网上非法交易野生动物制品', '社交平台售卖鹦鹉等野生动物'],
  other: ['网站发布违规信息', '网络账号从事违法活动'],
};
const PLATFORMS = ['淘宝', '京东', '拼多多', '抖音', '快手', '微信小程序', '美团'];

/** Shared operators: the same shop / company / phone shows up in several units' leads (clusters). */
function operators(random: () => number, count: number): { uscc: string; phone: string; shop: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const area = ['650100', '650200', '653100', '654000', '652300'][i % 5] ?? '650100';
    const body = `91${area}${Array.from({ length: 9 }, () => USCC_CHARSET[Math.floor(random() * 10)] ?? '0').join('')}`;
    return {
      uscc: `${body}${usccCheckChar(body)}`,
      phone: `13${Math.floor(100000000 + random() * 899999999)}`,
      shop: `https://shop${100000 + i * 7919}.taobao.com/?spm=a1z10.1-c`,
    };
  });
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const DAY = 86_400_000;
const START = Date.parse('2021-09-01T00:00:00+08:00');
/** A working-hours instant on day `day` (0 = 2021-09-01), Beijing time. */
const at = (day: number, random: () => number): string => {
  const ms = START + day * DAY + (9 + Math.floor(random() * 9)) * 3_600_000 + Math.floor(random() * 60) * 60_000;
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00').replace('.000', '');
};

export interface DemoOptions {
  seed?: number;
  /** Regions taking part (default: all 15 of the 2021 table). */
  regions?: readonly string[];
  /** Scales the number of leads per unit (default 1). */
  scale?: number;
}

export function demoCampaign(options: DemoOptions = {}): DemoCampaign {
  const seed = options.seed ?? 2021;
  const random = prng(seed);
  const regions = options.regions ?? regionsFor(2021).map((r) => r.code);
  const scale = options.scale ?? 1;
  const pool = operators(random, 40);
  // Its own stream of draws, so adding the register and product codes left the rest of the campaign as it was.
  const registerRandom = prng(seed + 1);
  // And the further actions (guidance, sampling, closures, case clocks) theirs, and the transfers to the police theirs.
  const actionsRandom = prng(seed + 2);
  const transferRandom = prng(seed + 3);
  const facts: DemoBatch[] = [];
  const answers = new Map<string, DemoBatch>();
  let referrals = 0;
  const id = (name: string): string => stableId(seed, name);
  // An answer another unit gives in phase 2 (a closure's, a transfer's), dated by its own stream of draws.
  const answerBy = (answer: { unit: string; department: string; event: ActionEvent }, random: () => number): void => {
    const batch = answers.get(answer.unit) ?? { department: answer.department, unit: answer.unit, events: [] };
    const { name, type, subject, day, data } = answer.event;
    batch.events.push({ id: id(`${answer.unit}:${name}`), type, subject, time: at(day, random), data });
    answers.set(answer.unit, batch);
  };

  for (const department of REPORTING_DEPARTMENTS) {
    const profile = PROFILE[department] ?? { categories: ['other'], weight: 1 };
    for (const region of regions) {
      const unit = `${department}/${region}`;
      const prefix = `${REGION_SHORT[region] ?? ''}${DEPT_SHORT[department] ?? ''}`;
      const events: DemoEvent[] = [];
      const push = (name: string, type: string, subject: string, time: string, data: Record<string, unknown>): void => {
        events.push({ id: id(`${unit}:${name}`), type, subject, time, data });
      };
      // Bigger regions (Ürümqi, the autonomous-region level, Kashgar, Ili) are busier.
      const busy = ['650100', '650000', '653100', '654000'].includes(region) ? 2 : 1;
      const leads = Math.max(1, Math.round(profile.weight * busy * scale * (0.6 + random() * 0.8)));
      const caseIds: string[] = [];
      for (let n = 1; n <= leads; n += 1) {
        const leadId = `L-${department}-${region}-${n}`;
        const category = pick(random, profile.categories);
        const day = Math.floor(random() * 100);
        const operator = random() < 0.35 ? pick(random, pool) : undefined;
        const byPhone = random() < 0.5;
        const entities = operator
          ? [
              { kind: 'uscc', value: operator.uscc },
              byPhone ? { kind: 'phone', value: operator.phone } : { kind: 'shop_url', value: operator.shop },
            ]
          : [];
        push(leadId, 'lead.reported', `lead/${leadId}`, at(day, random), {
          category,
          channel: pick(random, ['monitoring', 'complaint', 'inspection', 'tip']),
          platform: pick(random, PLATFORMS),
          ...demoProduct(registerRandom, category),
          summary: `${pick(random, SUMMARIES[category] ?? SUMMARIES['other'] ?? ['线索'])}（${leadId}）`,
          entities,
        });
        // About a fifth of the leads are referred: wildlife and crimes to the police, ads to market regulation …
        if (random() < 0.22 && day < 95) {
          const toDepartment = category === 'wildlife' || category === 'personal_information' || category === 'prohibited_goods' ? (department === 'police' ? 'samr' : 'police') : department === 'samr' ? pick(random, ['police', 'cac', 'nmpa']) : 'samr';
          const toRegion = random() < 0.3 ? pick(random, regions) : region;
          const referralId = `R-${department}-${region}-${n}`;
          const sentDay = day + 1;
          push(`${leadId}:referred`, 'lead.referred', `lead/${leadId}`, at(sentDay, random), {
            referralId,
            toDepartment,
            toRegion,
            reason: `${SUMMARIES[category]?.[0] ?? '线索'}，依职责移送${toDepartment === 'police' ? '公安机关' : '主管部门'}处理`,
          });
          referrals += 1;
          // Most receivers answer within days and report back; about one in six never does (overdue).
          const fate = random();
          if (fate > 0.16) {
            const receiver = `${toDepartment}/${toRegion}`;
            const batch = answers.get(receiver) ?? { department: toDepartment, unit: receiver, events: [] };
            const accepted = fate > 0.3;
            // Answers name the referral by its sender: referral ids are the sender's choice.
            const sender = { referralId, fromDepartment: department, fromRegion: region };
            const subject = `referral/${referralSubjectId(`${department}/${region}`, referralId)}`;
            batch.events.push({
              id: id(`${receiver}:${referralId}:answer`),
              type: 'referral.answered',
              subject,
              time: at(sentDay + 1 + Math.floor(random() * 3), random),
              data: accepted ? { ...sender, decision: 'accepted' } : { ...sender, decision: 'returned', reason: '不属于本部门管辖，建议移送属地市场监管部门' },
            });
            if (accepted && fate > 0.45) {
              batch.events.push({
                id: id(`${receiver}:${referralId}:feedback`),
                type: 'referral.feedback',
                subject,
                time: at(sentDay + 6 + Math.floor(random() * 8), random),
                data: { ...sender, outcome: random() < 0.6 ? 'case_opened' : 'no_violation' },
              });
            }
            answers.set(receiver, batch);
          }
        } else if (random() < 0.45 && category !== 'other') {
          // A case from the lead: opened, most decided, a few typical.
          const caseId = `C-${department}-${region}-${n}`;
          caseIds.push(caseId);
          const criminal = department === 'police' && random() < 0.5;
          const openDay = day + 2 + Math.floor(random() * 8);
          push(caseId, 'case.opened', `case/${caseId}`, at(openDay, random), {
            caseNo: `${prefix}${criminal ? '刑' : ''}立〔2021〕${n}号`,
            kind: criminal ? 'criminal' : 'administrative',
            primaryCategory: category,
            otherCategories: category !== 'illegal_advertising' && random() < 0.2 ? ['illegal_advertising'] : [],
            leadIds: [leadId],
            entities: operator ? [{ kind: 'uscc', value: operator.uscc }] : [],
            ...(random() < 0.15 ? { targetKind: 'platform', platform: pick(random, PLATFORMS) } : {}),
          });
          push(`${leadId}:closed`, 'lead.closed', `lead/${leadId}`, at(openDay, random), { outcome: 'case_opened', caseId });
          if (!criminal && random() < 0.75 && openDay < 98) {
            push(`${caseId}:decided`, 'case.decided', `case/${caseId}`, at(openDay + 4 + Math.floor(random() * 6), random), {
              decisionNo: `${prefix}处罚〔2021〕${10 + n}号`,
              fine: Math.round(2_000 + random() * 198_000),
              confiscation: Math.round(random() * 50_000 * 100) / 100,
            });
          } else if (department === 'samr' && !criminal) {
            // Undecided market-regulation cases: the case board shows their clocks, some moved.
            for (const step of demoCaseClock(actionsRandom, caseId, openDay)) push(step.name, step.type, step.subject, at(step.day, actionsRandom), step.data);
          }
        }
      }
      const count = (low: number, high: number): number => Math.round(low + random() * (high - low));
      // Typical cases: two (sometimes one, sometimes none) of the decided ones.
      const decided = events.filter((e) => e.type === 'case.decided');
      const typicalCount = random() < 0.7 ? 2 : random() < 0.5 ? 1 : 0;
      for (const decision of decided.slice(0, typicalCount)) {
        const caseId = decision.subject.slice('case/'.length);
        // Marked typical only once decided (a lifecycle rule): never before its decision in the sorted batch.
        const planned = at(count(86, 93), random);
        push(`${caseId}:typical`, 'case.marked_typical', `case/${caseId}`, planned > decision.time ? planned : decision.time, { reason: '案情典型，具有警示教育意义' });
      }
      // The department's annex work.
      const work = (name: string, type: string, aggregate: string, data: Record<string, unknown>, times = 3): void => {
        for (let k = 1; k <= times; k += 1) push(`${name}-${k}`, type, `${aggregate}/${name}-${region}-${k}`, at(Math.floor(random() * 104), random), data);
      };
      if (department === 'cac') {
        work('T-info', 'takedown.recorded', 'takedown', { action: 'info_removed', count: count(2_000, 40_000) });
        work('T-acct', 'takedown.recorded', 'takedown', { action: 'account_closed', count: count(5, 120) }, 2);
        work('T-app', 'takedown.recorded', 'takedown', { action: 'app_rectified', count: count(1, 6) }, 1);
      }
      if (department === 'telecom') work('T-site', 'takedown.recorded', 'takedown', { action: 'app_or_site_disposed', count: count(2, 30) });
      if (department === 'police') work('T-info', 'takedown.recorded', 'takedown', { action: 'info_removed', count: count(100, 3_000) });
      if (department === 'customs') work('S', 'seizure.recorded', 'seizure', { channel: 'postal_express', batches: count(1, 6), pieces: count(50, 900) });
      if (department === 'postal') work('I', 'inspection.recorded', 'inspection', { targetKind: 'postal_express_company', count: count(5, 40) });
      if (department === 'nmpa') {
        work('I-drug', 'inspection.recorded', 'inspection', { targetKind: 'drug_seller', count: count(3, 30) });
        work('I-dev', 'inspection.recorded', 'inspection', { targetKind: 'device_seller', count: count(2, 20) }, 2);
        work('I-cos', 'inspection.recorded', 'inspection', { targetKind: 'cosmetics_seller', count: count(2, 20) }, 2);
        work('RO', 'rectification.ordered', 'rectification', { targetKind: 'device_seller', count: count(1, 5) }, 1);
      }
      if (department === 'samr') {
        work('I-web', 'inspection.recorded', 'inspection', { targetKind: 'website_or_shop', count: count(50, 900) });
        work('T-list', 'takedown.recorded', 'takedown', { action: 'listing_removed', count: count(20, 600) });
        work('T-shop', 'takedown.recorded', 'takedown', { action: 'shop_service_stopped', count: count(1, 12) }, 1);
        work('RO-web', 'rectification.ordered', 'rectification', { targetKind: 'website', count: count(1, 15) }, 1);
      }
      if (department === 'forestry' && random() < 0.6) {
        push('A-1', 'case.assisted', 'case/A-1', at(count(20, 100), random), { caseRef: `${REGION_SHORT[region] ?? ''}公（网安）立字〔2021〕${count(1, 90)}号`, leadDepartment: 'police', leadRegion: region });
      }
      // The 12-05 report package: most units file their summary in the first days of December.
      if (random() < 0.6) {
        push('report', 'report.submitted', 'report/net-sword-2021', at(count(90, 96), random), {
          campaign: 'net-sword-2021',
          summary: `${prefix}按照“2021网剑行动”方案要求，组织开展网络市场监测、线索移送和联合执法，共登记线索${leads}条、立案${caseIds.length}件，现将专项行动工作总结报告如下。`,
          // 联合执法相关材料 (plan 三(四)): readiness asks for it wherever the department's duty lists it.
          jointEnforcementNote: `${prefix}联合执法相关材料：与同级市场监管部门联合开展网络市场检查的部署文件、检查记录。`,
        });
      }
      const shops = department === 'samr' ? pool.filter((operator) => operator.uscc.slice(2, 8) === region) : [];
      for (const entry of demoRegister(registerRandom, department, region, shops)) push(entry.name, entry.type, entry.subject, at(entry.day, registerRandom), entry.data);
      for (const action of demoUnitActions(actionsRandom, department, region, (day) => at(day, actionsRandom))) push(action.name, action.type, action.subject, at(action.day, actionsRandom), action.data);
      for (const closure of demoClosures(actionsRandom, department, region)) {
        push(closure.request.name, closure.request.type, closure.request.subject, at(closure.request.day, actionsRandom), closure.request.data);
        if (closure.answer !== undefined && regions.includes('650000')) answerBy(closure.answer, actionsRandom);
      }
      const transfer = demoTransfer(transferRandom, department, region, regions.indexOf(region));
      for (const step of transfer?.events ?? []) push(step.name, step.type, step.subject, at(step.day, transferRandom), step.data);
      if (transfer?.answer) answerBy(transfer.answer, transferRandom);
      facts.push({ department, unit, events: events.sort((a, b) => a.time.localeCompare(b.time)) });
    }
  }
  for (const batch of answers.values()) batch.events.sort((a, b) => a.time.localeCompare(b.time));
  return { facts, answers: [...answers.values()], referrals };
}
