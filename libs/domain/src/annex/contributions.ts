import type { HubEvent } from '../integrity/envelope.js';
import { campaignBounds, instantOf } from './time-window.js';
import type { AnnexContribution, AnnexRowDefinition, CampaignDefinition } from './types.js';

/**
 * What one event adds to the annex. The projector stores the result (one row per event × annex row)
 * and the auditors' in-memory recomputation folds the same result, so both agree by construction.
 */

interface CompiledRow {
  row: AnnexRowDefinition;
  departments: ReadonlySet<string>;
  where: readonly [string, ReadonlySet<string>][];
  whereNot: readonly [string, ReadonlySet<string>][];
}

interface Compiled {
  start: number;
  end: number;
  byType: ReadonlyMap<string, readonly CompiledRow[]>;
}

// Definitions are immutable (loadCampaignDefinition freezes them), so compiling once per object is safe;
// the projector calls annexContributions for every event of the log.
const compiled = new WeakMap<CampaignDefinition, Compiled>();

const asSet = (value: string | string[]): ReadonlySet<string> => new Set(typeof value === 'string' ? [value] : value);

function compile(definition: CampaignDefinition): Compiled {
  let found = compiled.get(definition);
  if (found) return found;
  const groups = new Map(definition.groups.map((group) => [group.id, new Set(group.departments)]));
  const byType = new Map<string, CompiledRow[]>();
  for (const row of definition.rows) {
    const rows = byType.get(row.rule.eventType) ?? [];
    rows.push({
      row,
      departments: groups.get(row.group) ?? new Set(),
      where: Object.entries(row.rule.where ?? {}).map(([field, values]) => [field, asSet(values)]),
      whereNot: Object.entries(row.rule.whereNot ?? {}).map(([field, values]) => [field, asSet(values)]),
    });
    byType.set(row.rule.eventType, rows);
  }
  found = { ...campaignBounds(definition), byType };
  compiled.set(definition, found);
  return found;
}

/** A data field as a code: only own string properties (never Object.prototype members). */
function codeAt(data: Record<string, unknown>, field: string): string | undefined {
  if (!Object.hasOwn(data, field)) return undefined;
  const value = data[field];
  return typeof value === 'string' ? value : undefined;
}

function matches(rule: CompiledRow, data: Record<string, unknown>): boolean {
  for (const [field, accepted] of rule.where) {
    const value = codeAt(data, field);
    if (value === undefined || !accepted.has(value)) return false;
  }
  for (const [field, excluded] of rule.whereNot) {
    const value = codeAt(data, field);
    if (value !== undefined && excluded.has(value)) return false;
  }
  return true;
}

/**
 * Platform names are free text typed by departments; "淘宝", " 淘宝" and full-width variants name one
 * platform, so distinct keys are NFKC-normalised, trimmed, space-collapsed and lower-cased.
 */
export function distinctKeyOf(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** An instant read from an event: epoch ms and the normalised ISO text the annex stores. */
interface Instant {
  ms: number;
  iso: string;
}

/**
 * The last instant text read and what it gave (a cache of one entry; a pure function of the text). annexContributions
 * is called once per campaign definition for every event of the log, and a correction's delta rows read its record's
 * times again: the same `time` and `recordedAt` texts each time, so each is parsed and formatted once.
 */
class LastInstant {
  private text: string | undefined;
  private instant: Instant | undefined;

  read(text: string): Instant | undefined {
    if (text !== this.text) {
      const ms = instantOf(text);
      this.text = text;
      this.instant = ms === undefined ? undefined : { ms, iso: new Date(ms).toISOString() };
    }
    return this.instant;
  }
}

const eventTimes = new LastInstant();
const recordedTimes = new LastInstant();

/**
 * The annex rows `event` counts in, with what it adds to each. A row applies when the type matches,
 * the publishing department (from `source`) fills the row's group, the filters match, and `time` lies
 * in the campaign (start 00:00 to end 24:00 in its zone). Events the rows cannot measure (no platform
 * for a distinct row, a non-numeric sum field, an unreadable time) add nothing.
 *
 * `time` and `recordedAt` are normalised to UTC ISO at millisecond precision, so the projector's SQL
 * and the in-memory fold compare exactly the same instants. Each contribution is one object literal (the
 * projector makes its rows from them, for every event of the log).
 */
export function annexContributions(event: HubEvent, definition: CampaignDefinition): AnnexContribution[] {
  const plan = compile(definition);
  const candidates = plan.byType.get(event.type);
  if (!candidates) return [];
  const slash = event.source.indexOf('/');
  if (slash <= 0 || slash === event.source.length - 1) return [];
  const department = event.source.slice(0, slash);
  const time = eventTimes.read(event.time);
  const recordedAt = recordedTimes.read(event.recordedAt);
  if (time === undefined || recordedAt === undefined || time.ms < plan.start || time.ms >= plan.end) return [];
  const region = event.source.slice(slash + 1);
  const { data, id: eventId, source: unit } = event;

  const out: AnnexContribution[] = [];
  for (const candidate of candidates) {
    if (!candidate.departments.has(department) || !matches(candidate, data)) continue;
    const { rule, id: rowId } = candidate.row;
    const measure = rule.measure;
    if (measure.kind === 'count') {
      if (rule.remarkOtherCategories === true) {
        out.push({ rowId, eventId, unit, department, region, time: time.iso, recordedAt: recordedAt.iso, amount: 1, otherCategories: otherCategoriesOf(data) });
      } else out.push({ rowId, eventId, unit, department, region, time: time.iso, recordedAt: recordedAt.iso, amount: 1 });
    } else if (measure.kind === 'sum') {
      const value = Object.hasOwn(data, measure.field) ? data[measure.field] : undefined;
      if (typeof value === 'number' && Number.isFinite(value)) out.push({ rowId, eventId, unit, department, region, time: time.iso, recordedAt: recordedAt.iso, amount: value });
    } else {
      const value = codeAt(data, measure.field);
      const key = value === undefined ? '' : distinctKeyOf(value);
      // amount 1 = one event behind the cell; the value shown is the distinct count.
      if (key !== '') out.push({ rowId, eventId, unit, department, region, time: time.iso, recordedAt: recordedAt.iso, amount: 1, distinctKey: key });
    }
  }
  return out;
}

/** The case's other categories (codes), without duplicates; [] when it has none. */
function otherCategoriesOf(data: Record<string, unknown>): string[] {
  const value = Object.hasOwn(data, 'otherCategories') ? data.otherCategories : undefined;
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((item): item is string => typeof item === 'string'))];
}
