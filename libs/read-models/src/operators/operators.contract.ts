// GET /api/v1/operators, /operators/counts, /operators/changes: the operator register (经营者名录, `operators` read model).
import type { Page } from '../common/common.contract.js';

/** One register entry. */
export interface OperatorItem {
  /** The registering unit, `<department>/<region>` (operator ids are unique per unit only). */
  unit: string;
  /** The unit's own id (the `operator/<operatorId>` subject). */
  operatorId: string;
  /** Where the operator does business (GB/T 2260). */
  region: string;
  /** Catalogue `operatorKinds`: platform, self_run_site, platform_shop, app, mini_program, idc, access_provider, cdn. */
  kind: string;
  name: string;
  /** Unified social credit code, canonical; null for a self-declared operator. */
  uscc: string | null;
  /** Needs no registration and published its self-declaration (自我声明). */
  selfDeclared: boolean;
  platform: string | null;
  shopId: string | null;
  /** Canonical domain (lower case, without www.). */
  domain: string | null;
  /** ICP filing number (ICP备案号). */
  icpFiling: string | null;
  /** 亮照 / 亮证 / 亮标: catalogue `displayStates` (shown, missing, not_required). */
  licenceDisplay: string;
  permitDisplay: string;
  markDisplay: string;
  /** compliant | deficient (catalogue `displayStatuses`), derived from the three. */
  displayStatus: string;
  /** Platforms only: catalogue `selfOperatedLabelling`. */
  selfOperatedLabelling: string | null;
  /** The registration's event time. */
  registeredAt: string | null;
  /** When the entry last changed (recorded). */
  updatedAt: string;
  version: number;
}

export type OperatorPage = Page<OperatorItem>;

/** Register counts of one region. */
export interface OperatorRegionCounts {
  region: string;
  total: number;
  /** kind → number of operators. */
  byKind: Record<string, number>;
  /** displayStatus → number of operators. */
  byDisplayStatus: Record<string, number>;
}

/** Counts per region (the scope the caller may read), and their sum. */
export interface OperatorCounts {
  regions: OperatorRegionCounts[];
  total: OperatorRegionCounts;
}

/** Register changes of one local day (China time, on the event time). */
export interface OperatorChangeDay {
  /** `YYYY-MM-DD`. */
  day: string;
  registered: number;
  updated: number;
}

export interface OperatorChanges {
  items: OperatorChangeDay[];
}

/** The registered operator a lead names (by USCC, domain or platform shop). */
export interface OperatorMatch {
  /** uscc | domain | shop: what matched. */
  via: string;
  operator: OperatorItem;
}
