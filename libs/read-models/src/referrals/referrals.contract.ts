// GET /api/v1/referrals and /referrals/inbox: 移送/协查 referrals with their clocks evaluated at "now".
import type { OffsetPage } from '../common/common.contract.js';

/** Where a referral stands: sent, answered (accepted | rejected | returned), then fed back once accepted. */
export type ReferralStatus = 'sent' | 'accepted' | 'rejected' | 'returned' | 'fed_back';

/** The legal clocks of a referral: the answer (接收答复) while sent, the result feedback (处理结果反馈) once accepted. */
export type ReferralClock = 'answer' | 'feedback';

/** One referral as both sides see it. Times are ISO instants; deadlines are 24:00 local of their last working day. */
export interface ReferralItem {
  /** The sender's referral id (unique only together with the sender, `fromUnit`). */
  referralId: string;
  /** The referral's subject `referral/<fromDept>-<fromRegion>-referral-<id>`: answers are published and its timeline read there. */
  subject: string;
  /** The sender's lead the referral is about (a transfer). */
  leadId: string | null;
  /** `transfer` (移送) or `assistance` (协查请求: another unit asks the receiver about one of its records). */
  kind: 'transfer' | 'assistance';
  /** An assistance request's record, `<dept>/<region>/<lead|case>/<id>` (the receiver's own). */
  recordRef: string | null;
  /** Sending unit `<department>/<region>`; null while only the receiver's side is known. */
  fromUnit: string | null;
  fromDepartment: string | null;
  fromRegion: string | null;
  /** Receiving unit `<department>/<region>`. */
  toUnit: string;
  toDepartment: string;
  toRegion: string;
  /** Why it was referred (移送事由). */
  reason: string | null;
  sentAt: string | null;
  /** Deadline of the clock that is running (answer while sent, feedback while accepted); else the answer deadline. */
  dueAt: string | null;
  /** The answer deadline: the sender's `dueAt`, else 3 working days after sending. */
  answerDueAt: string | null;
  /** The feedback deadline once accepted (15 working days after the answer). */
  feedbackDueAt: string | null;
  status: ReferralStatus;
  /** The receiver's answer: `accepted` | `rejected` | `returned` (catalogue `referralDecisions`). */
  decision: string | null;
  /** The receiver's reason for rejecting or returning. */
  decisionReason: string | null;
  answeredAt: string | null;
  /** Who sent it (`account:<id>` | `key:<id>`, the lead.referred's signed actor); null before attribution. */
  sentBy: string | null;
  /** Who answered it, likewise. */
  answeredBy: string | null;
  /** The outcome reported with the feedback. */
  feedbackOutcome: string | null;
  /** The receiver's case opened on it, if any. */
  feedbackCaseId: string | null;
  feedbackAt: string | null;
  /** The running clock has run out. */
  overdue: boolean;
  /** Which clock ran out, when overdue. */
  overdueClock: ReferralClock | null;
  /** The deadline that was missed, when overdue. */
  overdueSince: string | null;
  /** Working days from sending to today (or to when it was settled); null beyond the holiday calendar. */
  ageWorkingDays: number | null;
  /** Sender and receiver are in different regions. */
  crossRegion: boolean;
  /** Sender and receiver are different departments. */
  crossDepartment: boolean;
}

/** GET /api/v1/referrals (coordinators, auditors) and /referrals/inbox (a unit): newest first. */
export type ReferralPage = OffsetPage<ReferralItem>;
