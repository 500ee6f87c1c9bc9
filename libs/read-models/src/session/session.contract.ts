// GET /api/v1/me and /api/v1/catalogue: who the token is, and the code lists the UI renders labels from.
import type { CampaignCalendar } from '../common/common.contract.js';

/**
 * Who a token or session belongs to: a unit, a department line's supervisor (`line`), a prefecture's joint
 * meeting (`region`), the coordinator, an auditor, or `staff` (a person whose roles read no campaign data, e.g. an admin).
 */
export type PrincipalKind = 'unit' | 'line' | 'region' | 'coordinator' | 'auditor' | 'staff';

/** A role a person holds, with its scope ('' for campaign-wide roles). */
export interface HeldRoleView {
  role: string;
  scope: string;
}

/** GET /api/v1/me. */
export interface Me {
  kind: PrincipalKind;
  /** A unit's `<department>/<region>`. */
  unit?: string;
  /** A unit's or a line's department code. */
  department?: string;
  /** A unit's or a prefecture's region code. */
  region?: string;
  /** Display name, e.g. `喀什地区市场监管局` or `联席会议协调员`. */
  label: string;
  /** `account:<id>` or `key:<id>`: who the hub records as acting. */
  actor?: string;
  /** A signed-in person's username and roles. */
  username?: string;
  roles?: readonly HeldRoleView[];
  /** A signed-in person's CSRF token: send it as `X-CSRF-Token` on every write. */
  csrfToken?: string;
}

/** POST /api/v1/session: the person signed in (the session itself is the HttpOnly cookie). */
export interface SignInAnswer {
  me: Me;
  csrfToken: string;
}

/** `GET /api/v1/session/sso`: whether the sign-in page offers single sign-on (OpenID Connect), and how. */
export interface SsoSettings {
  enabled: boolean;
  /** The button's text. */
  label?: string;
  /** Where the button sends the browser. */
  start?: string;
}

/** Code → Chinese label. */
export type Labels = Record<string, string>;

/** GET /api/v1/catalogue: the campaign calendar and every code list with its labels. */
export interface Catalogue {
  /** The campaign asked for (`?campaign=`), or the current one. */
  campaign: CampaignCalendar;
  /** Every campaign the hub has a file for, oldest first (the web UI offers a selector when there is more than one). */
  campaigns: CampaignCalendar[];
  departments: Labels;
  regions: Labels;
  /** Every reporting unit's official name (`police/650100` → 乌鲁木齐市公安局). */
  units: Labels;
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
  leadCloseOutcomes: Labels;
  caseCloseOutcomes: Labels;
  seizureChannels: Labels;
  /** Entity kinds (`entities[].kind`). */
  entityKinds: Labels;
  /** Sharing levels of a lead or case (`distribution`): unit | line | region | joint. */
  distributionLevels: Labels;
  /** The plan's product focus list (lead `productCategory`). */
  productCategories: Labels;
  /** Operator register kinds (operator `kind`), incl. the telecom survey's idc, access_provider, cdn. */
  operatorKinds: Labels;
  /** 亮照 / 亮证 / 亮标 states (operator `licenceDisplay`, `permitDisplay`, `markDisplay`). */
  displayStates: Labels;
  /** The register's derived display status (compliant | deficient). */
  displayStatuses: Labels;
  /** A platform's 自营/非自营 labelling (operator `selfOperatedLabelling`). */
  selfOperatedLabelling: Labels;
  /** 行政指导 / 行政约谈 (guidance.given `kind`). */
  guidanceKinds: Labels;
  /** What a 7×24 closure request targets (closure.requested `targetKind`). */
  closureTargetKinds: Labels;
  /** The addressed unit's answer (closure.answered `decision`). */
  closureDecisions: Labels;
  /** The police's decision on a transferred case (opened | declined). */
  transferDecisions: Labels;
  /** The campaign's key periods (重要时间节点) monitoring leads are tagged with. */
  keyPeriods: Labels;
  /** The procedure clocks of the penalty rules (case.overdue `clock`). */
  caseClocks: Labels;
  /** The clocks an approval may extend (case.extended `clock`). */
  extendableCaseClocks: Labels;
  /** A unit's verdict on a hit alert (hit.feedback `verdict`): 已确认 / 误报. */
  hitVerdicts: Labels;
}
