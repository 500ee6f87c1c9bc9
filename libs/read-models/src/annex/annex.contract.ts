// GET /api/v1/annex (附件 情况统计表) and GET /api/v1/annex/trace (the events behind its cells).

/** One printed row of the annex with its value. */
export interface AnnexRow {
  /** Row id from the campaign definition, e.g. `sa-6`. */
  id: string;
  /** The printed department heading the row sits under, e.g. `市场监管部门`. */
  group: string;
  /** The row's printed text, without the unit. */
  label: string;
  /** The printed unit, e.g. `件`, `万条`, `元`. */
  unit: string;
  /** The figure; null where the scope reports nothing for the row's group. */
  value: number | null;
  /** The printed remark, e.g. which cases also involve other categories. */
  remark: string;
}

/** GET /api/v1/annex?format=json: the 37 rows in printed order for a scope and period. */
export interface AnnexReport {
  /** Campaign id, e.g. `net-sword-2021`. */
  campaign: string;
  /** `unit:<dept>/<region>` | `region:<code>` | `all`. */
  scope: string;
  /** First local date counted (event time), when the query set one. */
  from?: string;
  /** Last local date counted, when the query set one. */
  to?: string;
  /** The instant whose knowledge is shown (recordedAt), when the query set one. */
  asOf?: string;
  rows: AnnexRow[];
}

/** How a row turns its events into a value: count them, sum a data field, or count a field's distinct values. */
export type AnnexMeasure = { kind: 'count' } | { kind: 'sum'; field: string } | { kind: 'distinct'; field: string };

/** One event behind (part of) an annex cell. Times are ISO instants. */
export interface TracedEvent {
  /** The annex row it counts in. */
  rowId: string;
  /** Stream sequence in the event log. */
  seq: number;
  eventId: string;
  type: string;
  /** The publishing unit `<department>/<region>`. */
  source: string;
  /** The aggregate, e.g. `case/C-1` (with `source`, opens its timeline). */
  subject: string;
  /** When it happened (periods filter on this). */
  time: string;
  /** When the hub stored it (`asOf` filters on this). */
  recordedAt: string;
  /** What it adds before scaling (count: 1). */
  amount: number;
  /** For distinct measures: the value counted once. */
  distinctKey?: string;
  /** For rows that list other categories in the remark: the case's other categories. */
  otherCategories?: string[];
}

/** The scope and period a trace answers for (as in the annex report). */
export interface AnnexTraceMeta {
  campaign: string;
  scope: string;
  from?: string;
  to?: string;
  asOf?: string;
}

/** GET /api/v1/annex/trace?row=: one cell and the events that made it, paged. */
export interface RowTrace extends AnnexTraceMeta {
  /** The cell, recomputed from the log. */
  row: AnnexRow;
  measure: AnnexMeasure;
  /** The value is the measure divided by this (10 000 for 万条). */
  scale: number;
  /** Events behind the cell, across all pages. */
  total: number;
  limit: number;
  offset: number;
  items: TracedEvent[];
}

/** An event's share of a row, in the whole-annex trace. */
export type TracedEventRef = Pick<TracedEvent, 'seq' | 'eventId' | 'amount'>;

/** GET /api/v1/annex/trace without `row`: every row with the ids of its events. */
export interface AnnexTrace extends AnnexTraceMeta {
  rows: (AnnexRow & { events: TracedEventRef[] })[];
}
