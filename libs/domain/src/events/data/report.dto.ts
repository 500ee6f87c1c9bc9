import { hasCampaignFile } from '../../annex/campaign-files.js';
import { ArrayOf, Field, type Rule } from '../decorators.js';
import { actor } from './people.dto.js';
import { aggregateId, aggregateRef, each, integer, LIMITS, shown, text, unique } from '../rules.js';

/** A work summary (工作总结) is a document, not a note: room for a few pages of Chinese text. */
export const REPORT_SUMMARY_MAX = 20_000;

/** A campaign the hub has a definition file for (the report belongs to that campaign's calendar). */
const knownCampaign: Rule = (value) =>
  hasCampaignFile(value) ? undefined : `must be the id of a campaign definition, e.g. net-sword-2021 (got ${shown(value)})`;

/**
 * report.submitted — a reporting unit files its campaign report package (the plan's 三(四): 工作总结,
 * 情况统计表, 典型案例, 联合执法相关材料, due 2021-12-05). Not in DESIGN.md's original catalogue: added so
 * the summary is a signed fact like every other, and report readiness can be computed from the log.
 * Subject `report/<campaign>`: one report aggregate per unit and campaign; a corrected summary is a
 * later version of it.
 */
export class ReportSubmittedData {
  @Field(knownCampaign)
  campaign!: string;

  /** 专项行动工作总结: the text as filed. */
  @Field(text(REPORT_SUMMARY_MAX))
  summary!: string;

  /** The unit's own case ids it files as typical cases (典型案例), when it names them. */
  @ArrayOf(unique(each(aggregateId)), { max: 50, optional: true })
  typicalCaseIds?: string[];

  /** 联合执法相关材料: what joint-enforcement material accompanies the report. */
  @Field(text(2_000), { optional: true })
  jointEnforcementNote?: string;
}

/**
 * report.returned — a department line's supervisor sends a unit's filing back with a reason (the plan's
 * 三(四): units file to their line). Published by the joint office, so the return is signed and replayable
 * like every other joint decision; `reportSubject` is the unit's report aggregate
 * (`<dept>/<region>/report/<campaign>`), `filedVersion` the version of its report.submitted that was
 * returned, `by` the deciding person. The unit re-files with a later report.submitted.
 */
export class ReportReturnedData {
  @Field(aggregateRef(['report']))
  reportSubject!: string;

  @Field(integer(1_000_000))
  filedVersion!: number;

  @Field(text(LIMITS.reason))
  reason!: string;

  @Field(actor)
  by!: string;
}
