// GET /api/v1/overview: who is active where, and how the work is spread over the campaign calendar.
import type { CampaignCalendar } from '../common/common.contract.js';

/** Events of one type published by one department in one region. */
export interface ActivityCell {
  department: string;
  region: string;
  /** Event type, e.g. `case.opened`. */
  type: string;
  count: number;
}

/** Events on one local day of the campaign zone. */
export interface DailyCount {
  /** `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export interface Overview {
  /** `all`, or `unit:<dept>/<region>` for a unit's token (it sees only its own activity). */
  scope: string;
  campaign: CampaignCalendar;
  /** The event-time window counted: `timeFrom` inclusive, `timeBefore` exclusive (ISO instants). */
  window: { timeFrom: string; timeBefore: string };
  /** Events per publishing department × region × type. */
  activity: ActivityCell[];
  /** Events per local day, for the progress chart against the calendar. */
  daily: DailyCount[];
}
