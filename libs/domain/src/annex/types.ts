import type { DistributionLevel } from '../catalogue/distribution.js';
// The report's rows are the API's contract (types only): computed here, served as they are.
import type { AnnexReport, AnnexRow, ReportItem } from '@hub/contracts';

export type { AnnexReport, AnnexRow, ReportItem };

/**
 * The statistics annex (附件 情况统计表) as data. A campaign definition file holds the printed form
 * (groups, rows with full label and unit, in printed order) and each row's rule; code never names a row.
 */
export interface CampaignDefinition {
  id: string; // e.g. "net-sword-2021"
  title: string; // "2021网络市场监管专项行动情况统计表"
  name: string; // "2021 网络市场监管专项行动（网剑行动）"
  start: string; // "2021-09-01" (local date, Asia/Shanghai)
  end: string; // "2021-12-15"
  reportDue: string; // "2021-12-05"
  timezone: string; // "Asia/Shanghai"
  regionTableYear: number; // 2021
  departments: string[]; // reporting departments taking part
  groups: AnnexGroup[]; // printed order
  rows: AnnexRowDefinition[]; // printed order
  note: string; // the printed closing note (注：…)
  /** Who files what to whom (plan 三(四)); absent: every department at every level files everything it can. */
  reporting?: ReportingPlan;
  /** Sharing defaults (DESIGN "Sharing"); absent: records name their level or are shared with every unit (`joint`). */
  sharing?: { defaultDistribution: DistributionLevel };
  /** 重要时间节点 (二(六)四 二): the holidays and promotions monitoring watches closely; leads are tagged with them. */
  keyPeriods?: KeyPeriod[];
}

/** A key period of the campaign: local dates, both inclusive, in the campaign's time zone. */
export interface KeyPeriod {
  /** e.g. `national_day`, `double_11`. */
  id: string;
  label: string;
  from: string;
  to: string;
}

/** 自治区本级 (`region`) or a prefecture (地、州、市). */
export type ReportingLevel = 'region' | 'prefecture';

/**
 * The plan's reporting duties as data: which departments it addresses at which level, what each files,
 * and the routing (to the superior in the department line, copied to the same-level market regulator).
 */
export interface ReportingPlan {
  /** The plan text the duties rest on. */
  basis: string;
  /** Typical cases each unit files at least (典型案例 2件以上). */
  minTypicalCases: number;
  /** The region code of the autonomous-region level (自治区本级), whose units are the prefectures' superiors. */
  regionLevel: string;
  /** The department copied at the same level (抄送同级市场监管部门). */
  copyTo: string;
  /** One per addressed department; a department not listed is not addressed and files nothing. */
  duties: ReportingDuty[];
}

export interface ReportingDuty {
  department: string;
  /** The levels the plan addresses it at (nmpa: only 自治区本级). */
  levels: ReportingLevel[];
  /** What it files: statistics exactly when it has annex rows; penalty_decisions only where it imposes administrative penalties. */
  items: ReportItem[];
  /** Its region-level unit's superior (a national body), e.g. 公安部. */
  superior: string;
  /** Why: the plan text this duty rests on. */
  basis: string;
}

export interface AnnexGroup {
  id: string; // "cac"
  label: string; // "网信部门"
  departments: string[]; // whose events fill this group's rows, e.g. ["samr","nmpa"] for 市场监管部门（药监部门）
}

export type AnnexMeasure = { kind: 'count' } | { kind: 'sum'; field: string } | { kind: 'distinct'; field: string };

export interface AnnexRule {
  eventType: string;
  /** data field → accepted value(s); all must match. */
  where?: Record<string, string | string[]>;
  /** data field → values that exclude the event (used by "other cases" rows). */
  whereNot?: Record<string, string | string[]>;
  measure: AnnexMeasure;
  /** Divide the measured value by this for display (万条 = 10000). */
  scale?: number;
  /** Count once under the primary category; list other categories in the remark. */
  remarkOtherCategories?: boolean;
}

export interface AnnexRowDefinition {
  id: string; // "cac-1"
  group: string; // AnnexGroup.id
  label: string; // full printed text without the unit, e.g. "清理网上违法违规信息"
  unit: string; // "万条"
  rule: AnnexRule;
}

/**
 * What one event adds to one annex row. The projector stores these (one row per event × annex row) so an
 * annex is one indexed aggregate, and each cell can list the events behind it.
 */
export interface AnnexContribution {
  rowId: string;
  eventId: string;
  /** `<dept>/<region>` of the publishing unit. */
  unit: string;
  department: string;
  region: string;
  /** The event's `time` (when it happened) as an ISO instant; periods filter on this. */
  time: string;
  /** The event's `recordedAt`; "as of" filters on this. */
  recordedAt: string;
  /** What the event adds for count/sum measures (count: 1). */
  amount: number;
  /** For distinct measures: the value counted once (e.g. the platform). */
  distinctKey?: string;
  /** For remarkOtherCategories rows: the case's other categories (codes), for "其中N件同时涉及…". */
  otherCategories?: string[];
  /**
   * How many records this row adds to the cell's record count: absent for a record's own contribution (1);
   * a correction's delta rows carry −1 (what the record contributed before) and +1 (what it does now),
   * netted, so a moved sum is one row with 0 and a void −1. "Annex filled" counts records, not amounts.
   */
  records?: number;
}

/** Whose annex: one unit, a prefecture (all its units), a department line (all regions of that department), or everything. */
export type AnnexScope = { kind: 'unit'; unit: string } | { kind: 'region'; region: string } | { kind: 'line'; department: string } | { kind: 'all' };

