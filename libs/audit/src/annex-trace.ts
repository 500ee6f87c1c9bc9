import type { AnnexPeriod, AnnexReport, AnnexScope, CampaignDefinition } from '@hub/domain';
import { annexFromLog, type LogSource, type TracedEvent } from './log-projections.js';

export interface AnnexTraceResult {
  report: AnnexReport;
  /** The events behind each traced row, in stream order (rows without events are absent). */
  eventsOf: ReadonlyMap<string, readonly TracedEvent[]>;
}

/**
 * The annex recomputed from the log with the events behind its cells: every row's, or only `rowId`'s.
 * The API's trace routes and `audit trace` present it; the caller checks the row exists in the campaign.
 */
export async function traceAnnex(source: LogSource, definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod, rowId?: string): Promise<AnnexTraceResult> {
  const eventsOf = new Map<string, TracedEvent[]>();
  const report = await annexFromLog(source, definition, scope, period, (item) => {
    if (rowId !== undefined && item.rowId !== rowId) return;
    const list = eventsOf.get(item.rowId) ?? [];
    list.push(item);
    eventsOf.set(item.rowId, list);
  });
  return { report, eventsOf };
}
