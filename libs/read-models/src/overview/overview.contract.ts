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
  /** The caller's scope: `all`, `unit:<dept>/<region>`, `line:<dept>` or `region:<code>` (it sees only that activity). */
  scope: string;
  campaign: CampaignCalendar;
  /** The event-time window counted: `timeFrom` inclusive, `timeBefore` exclusive (ISO instants). */
  window: { timeFrom: string; timeBefore: string };
  /** Events per publishing department × region × type. */
  activity: ActivityCell[];
  /** Events per local day, for the progress chart against the calendar. */
  daily: DailyCount[];
  /** Leads reported in the window per product focus code (catalogue `productCategories`), most first. */
  byProduct: ProductCount[];
}

/** Leads of one product focus code; `productCategory` null for leads that name no product. */
export interface ProductCount {
  productCategory: string | null;
  leads: number;
}
