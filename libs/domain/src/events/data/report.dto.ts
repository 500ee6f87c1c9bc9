import { hasCampaignFile } from '../../annex/campaign-files.js';
import { ArrayOf, Field, NestedArray, Noun, type Rule } from '../decorators.js';
import { actor } from './people.dto.js';
import { sha256 } from './attachment.dto.js';
import { aggregateId, aggregateRef, each, integer, LIMITS, shown, text, unique } from '../rules.js';

/** A work summary (工作总结) is a document, not a note: room for a few pages of Chinese text. */
export const REPORT_SUMMARY_MAX = 20_000;

/** A campaign the hub has a definition file for (the report belongs to that campaign's calendar). */
const knownCampaign: Rule = (value) =>
  hasCampaignFile(value) ? undefined : `must be the id of a campaign definition, e.g. net-sword-2021 (got ${shown(value)})`;

/** An annex figure: a finite number from 0 (万条 rows carry decimals). */
const figure: Rule = (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e12 ? undefined : `must be a number from 0 to 1e12 (got ${shown(value)})`);

/** One annex row as filed: its id in the campaign file, the value and the remark (备注) printed with it. */
@Noun('an annex figure, which has only row, value and remark')
export class FiledFigure {
  @Field(text(64))
  row!: string;

  @Field(figure)
  value!: number;

  @Field(text(2_000), { optional: true })
  remark?: string;
}

/** A typical case filed with the report, with the SHA-256 of its penalty decision documents (attachment.added). */
@Noun('a typical case, which has only caseId and decisions')
export class FiledTypicalCase {
  @Field(aggregateId)
  caseId!: string;

  @ArrayOf(unique(each(sha256)), { max: 20 })
  decisions!: string[];
}

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

  // The filing as a signed fact (issue 17 §2), present when filed through /api/v1/reports/file: the annex
  // figures as filed, their hash, the stream position they were computed at, and what was attached.

  /** The unit's annex rows as computed at `checkpointSeq` (its own events only). */
  @NestedArray(() => FiledFigure, { max: 200, optional: true })
  figures?: FiledFigure[];

  /** SHA-256 of the canonical JSON of `figures`: what the package and the auditors check. */
  @Field(sha256, { optional: true })
  figuresHash?: string;

  /** The last stream sequence the figures were computed at, and that event's hash (the log checkpoint). */
  @Field(integer(Number.MAX_SAFE_INTEGER), { optional: true })
  checkpointSeq?: number;

  @Field(sha256, { optional: true })
  checkpointHash?: string;

  /** The typical cases with their decision documents. */
  @NestedArray(() => FiledTypicalCase, { max: 50, optional: true })
  typicalCases?: FiledTypicalCase[];

  /** The work summary document (PDF/DOCX) attached to the report. */
  @Field(sha256, { optional: true })
  summaryAttachment?: string;

  /** Joint-enforcement material attached to the report. */
  @ArrayOf(unique(each(sha256)), { max: 50, optional: true })
  jointEnforcementAttachments?: string[];
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
