import { Inject, Injectable } from '@nestjs/common';
import type { EntityNoteView, RecordItem, RecordKind, RecordPage, RecordStatus } from '@hub/contracts';
import { entityNotes, HubError, keyPeriodLabels, linkExclusions, warningListsAt, type EntityNote } from '@hub/domain';
import { RecordRepository, type RecordRow } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';

export const RECORDS_QUERY = ['kind', 'status', 'from', 'to', 'q', 'keyPeriod', 'limit', 'offset'] as const;
export const RECORD_KINDS: readonly RecordKind[] = ['lead', 'case', 'takedown', 'inspection', 'seizure', 'rectification'];
export const RECORD_STATUSES: readonly RecordStatus[] = ['recorded', 'corrected', 'voided'];

const DAY_MS = 86_400_000;

/** A note as the API shows it (the warning without its key). */
export const noteView = (n: EntityNote): EntityNoteView => ({
  kind: n.kind,
  value: n.value,
  ...(n.key === undefined ? {} : { key: n.key }),
  ...(n.warning === undefined ? {} : { warning: { warning: n.warning.warning, why: n.warning.why, version: n.warning.version } }),
  links: n.links,
  ...(n.reason === undefined ? {} : { reason: n.reason }),
});

/** A lead's or case's entities with what correlation makes of them (its campaign's warning lists, the per-record key cap). */
function notesOf(r: RecordRow): Pick<RecordItem, 'entityNotes' | 'keysBeyondCap'> {
  const entities = r.event.data['entities'];
  if ((r.kind !== 'lead' && r.kind !== 'case') || !Array.isArray(entities) || entities.length === 0) return {};
  const lists = warningListsAt(r.event.time);
  const exclusions = linkExclusions();
  const notes = entityNotes(entities, lists, lists.maxLinkingKeysPerRecord, (key) => exclusions.has(key));
  const beyond = notes.filter((n) => n.reason === 'beyond_key_cap').length;
  return { entityNotes: notes.map(noteView), ...(beyond > 0 ? { keysBeyondCap: beyond } : {}) };
}

/** The API item of a record: a field-by-field copy, so a read-model column is published only once the contract names it. */
export const recordItem = (r: RecordRow): RecordItem => ({
  kind: r.kind as RecordKind,
  id: r.subject.slice(r.subject.indexOf('/') + 1),
  subject: r.subject,
  status: r.voided ? 'voided' : r.corrections > 0 ? 'corrected' : 'recorded',
  stage: r.stage,
  keyPeriod: r.keyPeriod,
  occurredAt: r.occurredAt,
  recordedAt: r.recordedAt,
  updatedAt: r.updatedAt,
  corrections: r.corrections,
  values: r.event.data,
  ...notesOf(r),
});

/** 我的记录: the calling unit's own records with their current values; coordinators and auditors have none (UNITS_ONLY). */
@Injectable()
export class RecordsService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async list(principal: Principal, query: Query): Promise<RecordPage> {
    if (principal.kind !== 'unit') {
      throw new HubError('UNITS_ONLY', '我的记录 lists a reporting unit’s own records: sign in with a unit’s key or as a unit clerk (coordinators and auditors read the cases and annex views)');
    }
    const read = new QueryReader(query, RECORDS_QUERY);
    const kind = read.oneOf('kind', RECORD_KINDS);
    const status = read.oneOf('status', RECORD_STATUSES);
    const from = read.instant('from');
    const to = read.instant('to');
    const search = read.text('q');
    const keyPeriod = read.oneOf('keyPeriod', Object.keys(keyPeriodLabels()));
    if (search !== undefined && search.length > 200) read.errors.push({ path: 'q', message: 'must be at most 200 characters' });
    const { limit, offset } = read.page();
    // `to` is inclusive: a bare date means its whole day (dates are the campaign's local dates, +08:00).
    const toIsDate = typeof query['to'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query['to']);
    const fromIsDate = typeof query['from'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query['from']);
    const before = to === undefined ? null : new Date(toIsDate ? Date.parse(`${String(query['to'])}T00:00:00+08:00`) + DAY_MS : to.getTime() + 1).toISOString();
    const after = from === undefined ? null : fromIsDate ? new Date(`${String(query['from'])}T00:00:00+08:00`).toISOString() : from.toISOString();
    if (after !== null && before !== null && after >= before) read.errors.push({ path: 'to', message: 'must not be before from' });
    read.done();
    const page = await new RecordRepository(await this.readModels.sql()).page(
      { unit: principal.unit, kind: kind ?? null, status: status ?? null, from: after, before, search: search ?? null, keyPeriod: keyPeriod ?? null },
      limit,
      offset,
    );
    return { total: page.total, limit, offset, items: page.items.map(recordItem) };
  }
}
