// Shapes every API area shares. Contract files are type declarations only (no runtime code, no Node
// types): the gateway and apps/web both compile against them, so a change shows up on both sides.

/** One page of a list route: `items` are the page, `total` counts every match of the filter. */
export interface Page<T> {
  /** How many items match the filter, across all pages. */
  total: number;
  /** This page's items, in the route's order. */
  items: T[];
}

/** A page of a list route that echoes its paging (`limit` / `offset` as the gateway applied them). */
export interface OffsetPage<T> extends Page<T> {
  /** Page size used (the route's default when the query named none). */
  limit: number;
  /** Items skipped before this page. */
  offset: number;
}

/** A failing field or query parameter, as every 4xx body names it. */
export interface FieldProblem {
  /** Where: a query parameter (`status`), a body path (`[0].data.referralId`), or `(body)`. */
  path: string;
  /** What is wrong, in words meant for the caller. */
  message: string;
}

/** The body of every error answer (4xx/5xx). Some codes add details (e.g. 409 `currentVersion`). */
export interface ApiErrorBody {
  /** The HTTP status, repeated. */
  statusCode: number;
  /** The hub's error code, e.g. `VALIDATION_FAILED`, `FORBIDDEN`, `NOT_FOUND`, `VERSION_CONFLICT`. */
  code: string;
  /** One line saying what went wrong. */
  message: string;
  /** For validation failures: each failing field or parameter. */
  fields?: FieldProblem[];
  /** For a quota refusal (`QUOTA_EVENTS_PER_DAY` 429, `QUOTA_STORED_BYTES` 507): the unit's limit, its use, what was asked. */
  quota?: { limit: number; used: number; requested: number };
  /** For 429s: seconds until a retry may succeed (also the `Retry-After` header). */
  retryAfterSeconds?: number;
}

/** The campaign's calendar, as the overview and the catalogue give it. Dates are local (`YYYY-MM-DD`). */
export interface CampaignCalendar {
  /** Campaign id, e.g. `net-sword-2021`. */
  id: string;
  /** The campaign's name, e.g. `2021 网络市场监管专项行动（网剑行动）` (the campaign selector shows it). */
  name: string;
  /** The printed title of the statistics annex. */
  title: string;
  /** First day of the campaign. */
  start: string;
  /** Last day of the campaign. */
  end: string;
  /** The day the report package (annex, typical cases, summary) is due. */
  reportDue: string;
  /** IANA time zone the campaign counts days in, e.g. `Asia/Shanghai`. */
  timezone: string;
}
