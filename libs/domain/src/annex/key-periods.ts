// 重要时间节点 (方案 二(六)四 二: 集中促销期、节假日): the campaign file names its key periods; a monitoring lead
// found within one is tagged with it, so the joint office can see what the holiday and promotion watch found.
import { shown } from '../events/rules.js';
import { campaignById, campaignIds } from './campaigns.js';
import type { ProblemSink } from './problems.js';
import { instantOf, isLocalDate, localDayBounds } from './time-window.js';
import type { CampaignDefinition, KeyPeriod } from './types.js';

const PERIOD_KEYS = ['id', 'label', 'from', 'to'];
const PERIOD_ID = /^[a-z][a-z0-9_]{0,31}$/;

/** Checks the optional `keyPeriods` block: ids unique, dates valid, from ≤ to, periods not overlapping. */
export function checkKeyPeriods(value: unknown, at: ProblemSink): void {
  if (value === undefined) return;
  const seen = new Set<string>();
  const periods: { from: string; to: string; path: string }[] = [];
  at.array(value, 'keyPeriods').forEach((raw, index) => {
    const path = `keyPeriods[${index}]`;
    const period = at.object(raw, path, PERIOD_KEYS);
    if (!period) return;
    const id = at.string(period.id, `${path}.id`);
    if (id !== undefined && !PERIOD_ID.test(id)) at.add(`${path}.id`, `must match ${String(PERIOD_ID)}, got ${shown(id)}`);
    if (id !== undefined && seen.has(id)) at.add(`${path}.id`, `duplicate key period ${shown(id)}`);
    if (id !== undefined) seen.add(id);
    at.string(period.label, `${path}.label`);
    const [from, to] = [period.from, period.to];
    if (!isLocalDate(from)) at.add(`${path}.from`, `must be a local date YYYY-MM-DD, got ${shown(from)}`);
    if (!isLocalDate(to)) at.add(`${path}.to`, `must be a local date YYYY-MM-DD, got ${shown(to)}`);
    if (!isLocalDate(from) || !isLocalDate(to)) return;
    if (to < from) at.add(`${path}.to`, `(${to}) is before from (${from})`);
    const overlapping = periods.find((other) => from <= other.to && other.from <= to);
    // A lead carries one tag: overlapping periods would make it ambiguous.
    if (overlapping !== undefined) at.add(path, `overlaps ${overlapping.path}`);
    periods.push({ from, to, path });
  });
}

type KeyPeriodSpans = { period: KeyPeriod; start: number; end: number }[];

/*
 * Each period's instants, computed once per definition: drawing local-day bounds goes through Intl (tens of
 * µs), and the projector asks for every monitoring lead it folds. Keyed by the definition object and its
 * periods array, so a definition edited in place (tests) is recomputed.
 */
const spansCache = new WeakMap<object, { periods: readonly KeyPeriod[] | undefined; timezone: string; spans: KeyPeriodSpans }>();

function keyPeriodSpans(definition: Pick<CampaignDefinition, 'keyPeriods' | 'timezone'>): KeyPeriodSpans {
  const cached = spansCache.get(definition);
  if (cached !== undefined && cached.periods === definition.keyPeriods && cached.timezone === definition.timezone) return cached.spans;
  const spans = (definition.keyPeriods ?? []).map((period) => ({
    period,
    start: localDayBounds(period.from, definition.timezone).start,
    end: localDayBounds(period.to, definition.timezone).end,
  }));
  spansCache.set(definition, { periods: definition.keyPeriods, timezone: definition.timezone, spans });
  return spans;
}

/** The campaign's key period containing `time` (an RFC 3339 instant), judged on its local date. */
export function keyPeriodIn(definition: Pick<CampaignDefinition, 'keyPeriods' | 'timezone'>, time: string): KeyPeriod | undefined {
  const at = instantOf(time);
  if (at === undefined) return undefined;
  return keyPeriodSpans(definition).find((span) => span.start <= at && at < span.end)?.period;
}

/** The key period id of any campaign file containing `time`, or null: what a lead is tagged with at projection. */
export function keyPeriodOf(time: string | null): string | null {
  if (time === null) return null;
  for (const id of campaignIds()) {
    const definition = campaignById(id);
    const period = definition === undefined ? undefined : keyPeriodIn(definition, time);
    if (period !== undefined) return period.id;
  }
  return null;
}

/** Every campaign's key periods by id → label (for filters and the briefing). */
export function keyPeriodLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const id of campaignIds()) for (const period of campaignById(id)?.keyPeriods ?? []) labels[period.id] ??= period.label;
  return labels;
}
