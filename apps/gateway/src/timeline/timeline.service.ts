import { Inject, Injectable } from '@nestjs/common';
import { aggregateOf, EVENT_TYPE_LABELS, HubError, isEventType, streamSubjectOf } from '@hub/domain';
import type { Timeline, TimelineEntry } from '@hub/contracts';
import { EventArchiveRepository, type ArchivedEvent, type TimelineTarget } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';

const UNIT = /^([a-z_]+)\/(\d{6})$/;

/**
 * The event timeline of one lead, referral or case (any aggregate): its own events from the archive plus
 * the events elsewhere that name it. A unit may read a timeline it takes part in.
 */
@Injectable()
export class TimelineService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async timeline(principal: Principal, query: Query): Promise<Timeline> {
    const read = new QueryReader(query, ['subject', 'unit']);
    const subject = read.matching('subject', (value) => aggregateOf(value) !== undefined, '<aggregateType>/<id>, e.g. lead/L-2021-0001');
    if (subject === undefined && !read.errors.some((e) => e.path === 'subject')) read.errors.push({ path: 'subject', message: 'is required, e.g. lead/L-2021-0001' });
    const unit = read.matching('unit', (value) => UNIT.test(value), '<department>/<region>, e.g. samr/653100') ?? (principal.kind === 'unit' ? principal.unit : undefined);
    const address = subject === undefined ? undefined : aggregateOf(subject);
    if (address && unit === undefined && address.type !== 'referral') read.errors.push({ path: 'unit', message: `is required for a ${address.type} (ids are unique per unit)` });
    read.done();
    if (!subject || !address) throw new HubError('VALIDATION_FAILED', 'subject is required');
    const target: TimelineTarget = {
      ...(unit ? { streamSubject: streamSubjectOf(unit, subject), reference: `${unit}/${subject}` } : {}),
      ...(address.type === 'referral' ? { referralId: address.id } : {}),
    };
    const events = await new EventArchiveRepository(await this.readModels.sql()).timeline(target);
    if (principal.kind === 'unit' && !events.some((event) => involves(event, principal.unit))) {
      if (events.length === 0 && unit === principal.unit) return { subject, unit: unit ?? null, items: [] };
      throw new HubError('FORBIDDEN', `unit ${principal.unit} takes no part in ${subject}`);
    }
    return { subject, unit: unit ?? null, items: events.map(entry) };
  }
}

/** A unit takes part when it published one of the events, or a referral in it is addressed to it. */
function involves(event: ArchivedEvent, unit: string): boolean {
  if (event.source === unit) return true;
  return event.type === 'lead.referred' && `${String(event.data['toDepartment'])}/${String(event.data['toRegion'])}` === unit;
}

function entry(event: ArchivedEvent): TimelineEntry {
  const [, , , , type, id] = event.streamSubject.split('.');
  return {
    seq: event.seq,
    id: event.id,
    type: event.type,
    label: isEventType(event.type) ? EVENT_TYPE_LABELS[event.type] : event.type,
    source: event.source,
    subject: `${type ?? ''}/${id ?? ''}`,
    version: event.version,
    time: event.time,
    recordedAt: event.recordedAt,
    data: event.data,
    hash: event.hash,
  };
}
