// Jurisdiction suggestions (管辖建议). DESIGN: platforms are handled where they are domiciled,
// in-platform sellers where they actually do business. The hub has no business address, so the
// seller's USCC registration area (characters 3-8) stands in for the place of business; a lead
// about a platform's own obligations goes by the platform's domicile. The suggestion names the
// same department as the reporter: it is the competent counterpart of the reporter, elsewhere.
import type { JurisdictionBasis } from '../catalogue/leads.js';
import { isRegion, regionName } from '../catalogue/regions.js';
import { DEPARTMENT_LABELS, isReportingDepartment } from '../catalogue/departments.js';
import { normaliseEntity, type EntityKey, type MarketplacePlatform } from '../entity-keys/index.js';
import type { JurisdictionSuggestedData } from '../events/data/coordination.dto.js';
import { qualifiedAggregateId } from '../events/subject.js';
import { yearOf } from '../events/time.js';
import type { HubEvent } from '../integrity/envelope.js';

/** The autonomous-region level: it handles referrals that leave Xinjiang (跨省移送). */
export const REGION_LEVEL = '650000';

/** Where the big platforms' operators are domiciled (GB/T 2260), all outside Xinjiang. */
export const PLATFORM_DOMICILES: Readonly<Record<MarketplacePlatform, { readonly areaCode: string; readonly place: string }>> = {
  taobao: { areaCode: '330100', place: '浙江省杭州市' },
  tmall: { areaCode: '330100', place: '浙江省杭州市' },
  jd: { areaCode: '110000', place: '北京市' },
  pinduoduo: { areaCode: '310000', place: '上海市' },
  douyin: { areaCode: '110000', place: '北京市' },
};

/** Lead categories that concern the platform itself rather than a seller on it. */
export const PLATFORM_CATEGORIES: ReadonlySet<string> = new Set(['platform_obligation', 'device_platform_obligation']);

// Prefectures renamed/re-coded since USCCs were first issued (2015): codes on older licences
// still carry the old prefix. 吐鲁番地区 652100 → 吐鲁番市 650400 (2015), 哈密地区 652200 → 哈密市 650500 (2016).
const LEGACY_PREFECTURES: Readonly<Record<string, string>> = { '6521': '650400', '6522': '650500' };

const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区', '21': '辽宁省', '22': '吉林省',
  '23': '黑龙江省', '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省',
  '37': '山东省', '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区', '61': '陕西省', '62': '甘肃省',
  '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区', '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

// Platform names as departments write them in lead.reported `platform` (free text).
const PLATFORM_NAMES: readonly (readonly [RegExp, MarketplacePlatform])[] = [
  [/天猫|tmall/i, 'tmall'],
  [/淘宝|taobao/i, 'taobao'],
  [/京东|jingdong|\bjd\b/i, 'jd'],
  [/拼多多|pinduoduo|\bpdd\b/i, 'pinduoduo'],
  [/抖音|抖店|douyin/i, 'douyin'],
];

export type AreaPlacement =
  | { readonly kind: 'region'; readonly region: string }
  | { readonly kind: 'outside'; readonly province: string }
  | { readonly kind: 'unmapped' };

/**
 * Where a GB/T 2260 area code sits in the region table of `year`: county codes map to their
 * prefecture (653101 → 653100), 650000 stays the region level; codes of other provinces are
 * `outside`; Xinjiang codes with no table region (e.g. 6590xx cities directly under the autonomous
 * region, mostly XPCC) are `unmapped` rather than guessed.
 */
export function placeAreaCode(areaCode: string, year: number = 2021): AreaPlacement {
  if (!/^\d{6}$/.test(areaCode)) return { kind: 'unmapped' };
  if (!areaCode.startsWith('65')) return { kind: 'outside', province: PROVINCES[areaCode.slice(0, 2)] ?? areaCode.slice(0, 2) };
  const prefix = areaCode.slice(0, 4);
  const candidates = [areaCode.endsWith('0000') ? areaCode : `${prefix}00`, LEGACY_PREFECTURES[prefix]];
  for (const code of candidates) if (code !== undefined && isRegion(code, year)) return { kind: 'region', region: code };
  return { kind: 'unmapped' };
}

/** A platform from free text (淘宝, 京东商城, PDD …), if it names one of the five. */
export function platformFromName(name: string | undefined): MarketplacePlatform | undefined {
  if (name === undefined) return undefined;
  return PLATFORM_NAMES.find(([pattern]) => pattern.test(name))?.[1];
}

export type JurisdictionFlag =
  /** A USCC registered outside Xinjiang: no region in the table to suggest. */
  | 'uscc_out_of_region'
  /** A Xinjiang USCC area code that maps to no region of the table. */
  | 'uscc_unmapped_area'
  /** USCCs point to different regions; the office must choose. */
  | 'uscc_regions_disagree'
  /** A USCC failed its checksum; its area code was not trusted. */
  | 'uscc_checksum_invalid';

export interface JurisdictionAssessment {
  /** The payload for jurisdiction.suggested (subject {@link jurisdictionSubjectOf} its leadSubject), when one is due. */
  readonly suggestion?: JurisdictionSuggestedData;
  readonly flags: readonly JurisdictionFlag[];
  /** Human-readable notes behind the flags, e.g. the out-of-region area codes. */
  readonly notes: readonly string[];
}

function uniq<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * The subject of a jurisdiction.suggested: one chain per (unit, lead), `lead/samr-653100-lead-L-1` for
 * samr/653100/lead/L-1 — the joint office publishes about every unit's leads, whose ids are unique per unit only.
 */
export function jurisdictionSubjectOf(leadSubject: string): string {
  return `lead/${qualifiedAggregateId(leadSubject)}`;
}

/** The entities that normalise, in order. */
function normalisedEntities(value: unknown): EntityKey[] {
  const entities = Array.isArray(value) ? (value as unknown[]) : [];
  return entities.flatMap((entity) => {
    const { kind, value } = (typeof entity === 'object' && entity !== null ? entity : {}) as { kind?: unknown; value?: unknown };
    const result = normaliseEntity(typeof kind === 'string' ? kind : '', value);
    return result.ok ? [result.key] : [];
  });
}

/**
 * Assesses a lead.reported event; any other event gets an empty assessment. `normalised`: its entities as
 * extractKeys normalised them (the coordination service has them already: normalising is most of this function's cost).
 */
export function suggestJurisdiction(event: Pick<HubEvent, 'type' | 'source' | 'subject' | 'time' | 'data'>, normalised?: readonly EntityKey[]): JurisdictionAssessment {
  const none: JurisdictionAssessment = { flags: [], notes: [] };
  if (event.type !== 'lead.reported') return none;
  const [department = '', region = ''] = event.source.split('/');
  if (!isReportingDepartment(department) || !event.subject.startsWith('lead/')) return none;
  const year = yearOf(event.time);
  const leadSubject = `${event.source}/${event.subject}`;
  const suggest = (toRegion: string, basis: JurisdictionBasis, note: string): JurisdictionSuggestedData => ({
    leadSubject,
    toDepartment: department,
    toRegion,
    basis,
    note,
  });

  const keys = normalised ?? normalisedEntities(event.data['entities']);

  // A lead about the platform's own obligations goes to the platform's domicile.
  const category = event.data['category'];
  if (typeof category === 'string' && PLATFORM_CATEGORIES.has(category)) {
    const platform =
      platformFromName(typeof event.data['platform'] === 'string' ? event.data['platform'] : undefined) ??
      keys.map((key) => platformFromName(key.platform)).find((p) => p !== undefined);
    if (platform !== undefined) {
      const { areaCode, place } = PLATFORM_DOMICILES[platform];
      const placed = placeAreaCode(areaCode, year);
      if (placed.kind === 'region') {
        return placed.region === region ? none : { suggestion: suggest(placed.region, 'platform_domicile', `平台住所地 ${areaCode}`), flags: [], notes: [] };
      }
      const note = `平台住所地在区外：${place}（${areaCode}），建议由自治区本级${DEPARTMENT_LABELS[department]}向该地同级部门移送`;
      return { suggestion: suggest(REGION_LEVEL, 'platform_domicile', note), flags: [], notes: [note] };
    }
  }

  // A seller goes where it does business; its USCC's registering area stands in for that.
  const flags: JurisdictionFlag[] = [];
  const notes: string[] = [];
  const regions: string[] = [];
  const reasons = new Map<string, string>();
  for (const key of keys) {
    if (key.kind !== 'uscc' || key.areaCode === undefined) continue;
    if (key.flags.length > 0) {
      // A typo can sit in the area code as easily as anywhere; never route on it.
      flags.push('uscc_checksum_invalid');
      continue;
    }
    const placed = placeAreaCode(key.areaCode, year);
    if (placed.kind === 'region') {
      regions.push(placed.region);
      if (!reasons.has(placed.region)) reasons.set(placed.region, `统一社会信用代码 ${key.canonical} 登记地 ${key.areaCode} → ${regionName(placed.region, year) ?? placed.region}`);
    } else if (placed.kind === 'outside') {
      flags.push('uscc_out_of_region');
      notes.push(`统一社会信用代码 ${key.canonical} 登记地在区外：${placed.province}（${key.areaCode}）`);
    } else {
      flags.push('uscc_unmapped_area');
      notes.push(`统一社会信用代码 ${key.canonical} 登记地 ${key.areaCode} 不对应${year}年区划表中的地区`);
    }
  }
  const candidates = uniq(regions);
  const assessment = { flags: uniq(flags), notes };
  // The reporter is competent when any operator is registered in its own region.
  if (candidates.length === 0 || candidates.includes(region)) return assessment;
  if (candidates.length > 1) return { ...assessment, flags: uniq([...flags, 'uscc_regions_disagree']) };
  const [toRegion = ''] = candidates;
  return { ...assessment, suggestion: suggest(toRegion, 'registration_area', reasons.get(toRegion) ?? '') };
}
