import { referralSubjectId, usccCheckChar } from '@hub/domain';
import { EventLog, type StoredEventFixture } from '../../libs/persistence/src/testing/event-log.js';
import { prng } from '../../libs/persistence/src/testing/scenario.js';

const REGIONS = ['650100', '650200', '652300', '652900', '653100', '653200', '654000'];
const DEPARTMENTS = ['samr', 'samr', 'cac', 'police', 'nmpa', 'forestry'];
const CATEGORIES = ['counterfeit', 'illegal_advertising', 'prohibited_goods', 'consumer_rights', 'other'];

export interface CoordinationScenarioOptions {
  seed?: number;
  /**
   * Referrals get answered and fed back later in the log. Off for a service that runs on the wall clock:
   * whether a referral answered late is also reported overdue then depends on when the timer ran.
   */
  answers?: boolean;
  /** One phone number carried by this many leads (to pass the per-value cap). */
  hotValueCarriers?: number;
}

/** A checksum-valid USCC registered in `areaCode`. */
export function usccIn(areaCode: string, serial: number): string {
  const first = `91${areaCode}MA${serial.toString(36).toUpperCase().padStart(7, '0').replace(/[IOSVZ]/g, 'X')}`.slice(0, 17);
  return `${first}${usccCheckChar(first)}`;
}

/**
 * What the coordination service works on: leads and cases of several departments and regions sharing
 * phones, shop URLs (spelled differently) and USCCs — clusters that form, grow and go cross-region —
 * sellers registered in another prefecture (jurisdiction suggestions), one value carried past the cap,
 * and referrals between units.
 */
export function coordinationScenario(count: number, options: CoordinationScenarioOptions = {}): StoredEventFixture[] {
  const random = prng(options.seed ?? 4);
  const log = new EventLog();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const unit = (): string => `${pick(DEPARTMENTS)}/${pick(REGIONS)}`;
  const phones = Array.from({ length: Math.max(4, Math.floor(count / 8)) }, (_, i) => `139${(10_000_000 + i * 7_919).toString()}`);
  const shops = Array.from({ length: Math.max(4, Math.floor(count / 10)) }, (_, i) => 100_000 + i * 37);
  const leads: { unit: string; id: string }[] = [];
  const referrals: { fromUnit: string; toUnit: string; id: string; stage: number }[] = [];
  let n = 0;
  let hot = options.hotValueCarriers ?? 0;
  const day = (): string => new Date(Date.UTC(2021, 8, 1 + Math.floor(n / 40), 2, n % 60)).toISOString();

  while (log.events.length < count) {
    n += 1;
    const roll = random();
    if (roll < 0.6) {
      const where = unit();
      const id = `L-${n.toString(36)}`;
      const shop = pick(shops);
      const entities: { kind: string; value: string }[] = [
        { kind: 'phone', value: random() < 0.5 ? pick(phones) : `+86 ${pick(phones)}` },
        { kind: 'shop_url', value: random() < 0.5 ? `https://shop${shop}.taobao.com/?spm=a230r.${n}` : `http://shop${shop}.taobao.com` },
      ];
      if (random() < 0.3) entities.push({ kind: 'uscc', value: usccIn(pick(REGIONS), Math.floor(random() * 50)) });
      if (hot > 0) {
        entities.push({ kind: 'phone', value: '13800138000' });
        hot -= 1;
      }
      log.append(where, 'lead.reported', `lead/${id}`, { category: pick(CATEGORIES), channel: pick(['monitoring', 'tip']), summary: '网店线索', entities }, { time: day() });
      leads.push({ unit: where, id });
    } else if (roll < 0.75) {
      const where = `${pick(['samr', 'police'])}/${pick(REGIONS)}`;
      log.append(where, 'case.opened', `case/C-${n.toString(36)}`, {
        caseNo: `喀市监立〔2021〕${n}号`,
        kind: 'administrative',
        primaryCategory: pick(CATEGORIES),
        otherCategories: [],
        leadIds: [],
        entities: [{ kind: 'phone', value: pick(phones) }],
        targetKind: 'website_or_shop',
      }, { time: day() });
    } else if (roll < 0.88 && leads.length > 0) {
      const lead = pick(leads);
      const toDepartment = pick(['police', 'samr', 'nmpa']);
      const id = `R-${n.toString(36)}`;
      const toRegion = pick(REGIONS);
      log.append(lead.unit, 'lead.referred', `lead/${lead.id}`, { referralId: id, toDepartment, toRegion, reason: '线索涉及其他部门职责，移送处理' }, { time: day() });
      referrals.push({ fromUnit: lead.unit, toUnit: `${toDepartment}/${toRegion}`, id, stage: 0 });
    } else if (options.answers && referrals.length > 0) {
      const referral = pick(referrals);
      if (referral.stage === 0) {
        const decision = pick(['accepted', 'accepted', 'rejected']);
        log.append(referral.toUnit, 'referral.answered', referralSubject(referral), { ...referralRefOf(referral), decision, ...(decision === 'accepted' ? {} : { reason: '不属于本部门管辖' }) }, { time: day() });
      } else if (referral.stage === 1) {
        log.append(referral.toUnit, 'referral.feedback', referralSubject(referral), { ...referralRefOf(referral), outcome: 'case_opened', caseId: `KS-${n}` }, { time: day() });
      }
      referral.stage += 1;
    }
  }
  return log.events;
}

/** A referral's answers live under its sender-qualified subject and name the sender. */
function referralSubject(referral: { fromUnit: string; id: string }): string {
  return `referral/${referralSubjectId(referral.fromUnit, referral.id)}`;
}

function referralRefOf(referral: { fromUnit: string; id: string }): { referralId: string; fromDepartment: string; fromRegion: string } {
  const [fromDepartment = '', fromRegion = ''] = referral.fromUnit.split('/');
  return { referralId: referral.id, fromDepartment, fromRegion };
}
