// GET /api/v1/notifications (a unit's 通知), GET /api/v1/hits/feedback (the joint meeting's view of verdicts).

/** A value on a warning list, as shown next to it (警示: …). */
export interface ValueWarning {
  /** e.g. `已知平台客服号码`. */
  warning: string;
  /** Whose value it is, e.g. `支付宝客服热线`. */
  why: string;
  /** The warning lists' version that said so. */
  version: string;
}

export type HitVerdictCode = 'confirmed' | 'false_positive';

/** One alert: another unit reported on a value the unit's open lead or case carries. Times are ISO instants. */
export interface NotificationItem {
  /** The alert id (`<dept>-<region>-<yyyymmdd>-<digest>`), what read and feedback take. */
  id: string;
  kind: string;
  /** The canonical value both records carry. */
  value: string;
  warning?: ValueWarning;
  /** The unit's own record `<dept>/<region>/<lead|case>/<id>`. */
  recordRef: string;
  /** The other unit's record. */
  otherRef: string;
  otherUnit: string;
  /** The local day of the alert (one per value per day). */
  day: string;
  alertedAt: string;
  /** Whether the signed-in person (or key) has marked it read. */
  read: boolean;
  verdict?: HitVerdictCode;
  verdictNote?: string;
  verdictAt?: string;
}

export interface NotificationPage {
  unread: number;
  total: number;
  items: NotificationItem[];
}

/** A verdict on a hit, as the joint meeting sees it. */
export interface HitFeedbackItem {
  /** The unit that judged. */
  unit: string;
  alertId: string;
  kind: string;
  value: string;
  recordRef: string;
  otherRef: string;
  verdict: HitVerdictCode;
  note?: string;
  at: string;
}

export interface HitFeedbackCount {
  kind: string;
  value: string;
  confirmed: number;
  falsePositive: number;
}

/** GET /api/v1/hits/feedback. */
export interface HitFeedbackPage {
  totals: { confirmed: number; falsePositive: number };
  byValue: HitFeedbackCount[];
  items: HitFeedbackItem[];
}

/** What correlation makes of one entity of a lead or case (the unit's own record view). */
export interface EntityNoteView {
  kind: string;
  value: string;
  key?: string;
  warning?: ValueWarning;
  links: boolean;
  /** Why it does not link: a warning list, beyond the record's key cap, not a key, a repeat. */
  reason?: 'warning_list' | 'beyond_key_cap' | 'not_a_key' | 'repeated';
}
