// Values that would tie unrelated leads together: the platforms' own identifiers. Every Taobao
// lead may name taobao.com or the Taobao app; linking on them would merge the whole campaign into
// one cluster (the MISP/TheHive lesson). The list is configuration; these are the defaults.
import { normaliseEntity } from '../../entity-keys/index.js';
import { keyString } from './extract.js';

export interface ExclusionEntry {
  readonly kind: string;
  readonly value: string;
  readonly why: string;
}

/**
 * Defaults. Domains and app ids are the platforms' public ones. The USCCs and service lines are
 * the operators' as publicly registered/advertised; the joint office should confirm them against
 * 国家企业信用信息公示系统 when it takes the list over. Service lines such as 95xxx or 400 numbers
 * need no entry: they are not mainland mobile or landline numbers, so they never become keys.
 */
export const DEFAULT_EXCLUSIONS: readonly ExclusionEntry[] = [
  { kind: 'domain', value: 'taobao.com', why: '淘宝平台域名' },
  { kind: 'domain', value: 'tmall.com', why: '天猫平台域名' },
  { kind: 'domain', value: 'jd.com', why: '京东平台域名' },
  { kind: 'domain', value: 'pinduoduo.com', why: '拼多多平台域名' },
  { kind: 'domain', value: 'yangkeduo.com', why: '拼多多平台域名' },
  { kind: 'domain', value: 'douyin.com', why: '抖音平台域名' },
  { kind: 'domain', value: 'jinritemai.com', why: '抖店平台域名' },
  { kind: 'app_id', value: 'com.taobao.taobao', why: '淘宝APP' },
  { kind: 'app_id', value: 'com.tmall.wireless', why: '天猫APP' },
  { kind: 'app_id', value: 'com.jingdong.app.mall', why: '京东APP' },
  { kind: 'app_id', value: 'com.xunmeng.pinduoduo', why: '拼多多APP' },
  { kind: 'app_id', value: 'com.ss.android.ugc.aweme', why: '抖音APP' },
  { kind: 'uscc', value: '91330100799655058B', why: '淘宝（中国）软件有限公司（平台经营者）' },
  { kind: 'uscc', value: '91330106673959654P', why: '浙江天猫网络有限公司（平台经营者）' },
  { kind: 'uscc', value: '91110302562134916R', why: '北京京东叁佰陆拾度电子商务有限公司（平台经营者）' },
  { kind: 'phone', value: '0571-88158198', why: '阿里巴巴客服热线' },
];

export class ExclusionListError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid exclusion list: ${problems.join('; ')}`);
  }

  override get name(): string {
    return 'ExclusionListError';
  }
}

/**
 * The canonical keys to exclude. Entries are normalised like reported entities, so `TAOBAO.COM`
 * or `https://www.taobao.com/` exclude the same key; a key string (`domain:taobao.com`) is taken
 * as is. An entry that does not normalise is a configuration error, reported all at once.
 */
export function buildExclusions(entries: Iterable<ExclusionEntry | string> = DEFAULT_EXCLUSIONS): ReadonlySet<string> {
  const keys = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      keys.add(entry);
      continue;
    }
    const result = normaliseEntity(entry.kind, entry.value);
    if (result.ok) keys.add(keyString(result.key));
    else problems.push(result.error);
  }
  if (problems.length > 0) throw new ExclusionListError(problems);
  return keys;
}
