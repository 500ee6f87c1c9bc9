// GET /api/v1/me and /api/v1/catalogue: who the token is, and the code lists the UI renders labels from.
import type { CampaignCalendar } from '../common/common.contract.js';

/** Who a token belongs to. */
export type PrincipalKind = 'unit' | 'coordinator' | 'auditor';

/** GET /api/v1/me. */
export interface Me {
  kind: PrincipalKind;
  /** A unit's `<department>/<region>`. */
  unit?: string;
  /** A unit's department code. */
  department?: string;
  /** A unit's region code. */
  region?: string;
  /** Display name, e.g. `喀什地区市场监管局` or `联席会议协调员`. */
  label: string;
}

/** Code → Chinese label. */
export type Labels = Record<string, string>;

/** GET /api/v1/catalogue: the campaign calendar and every code list with its labels. */
export interface Catalogue {
  campaign: CampaignCalendar;
  departments: Labels;
  regions: Labels;
  eventTypes: Labels;
  aggregateTypes: Labels;
  /** Violation categories. */
  categories: Labels;
  caseKinds: Labels;
  referralStatuses: Labels;
  referralDecisions: Labels;
  leadChannels: Labels;
  takedownActions: Labels;
  targetKinds: Labels;
}
