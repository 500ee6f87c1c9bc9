import { Inject, Injectable } from '@nestjs/common';
import { aggregateOf, EVENT_TYPE_LABELS, HubError, isEventType, operatorLookupOf, referralOfSubjectId, streamSubjectOf } from '@hub/domain';
import type { OperatorMatch, Timeline, TimelineEntry } from '@hub/contracts';
import { EventArchiveRepository, type ArchivedEvent, type TimelineTarget } from '@hub/persistence';
import { OperatorRepository, type OperatorState } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { coversUnit, scopeName, scopeOf } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';
import { operatorItem } from '../operators/operators.service.js';
import { mayReadEvent, readableData, visibilityContext } from './timeline-visibility.js';

const UNIT = /^([a-z_]+)\/(\d{6})$/;

/**
 * The event timeline of one lead, referral or case (any aggregate): its own events from the archive plus
 * the events elsewhere that name it, read event by event (mayReadEvent): what the reader's units published,
 * what is addressed to them, what is shared with them by rule; a timeline with none of those is refused.
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
      ...(address.type === 'referral' ? { referral: referralTarget(address.id) } : {}),
    };
    const sql = await this.readModels.sql();
    const archived = await new EventArchiveRepository(sql).timeline(target);
    const scope = scopeOf(principal);
    const context = visibilityContext(scope, archived);
    const events = archived.filter((event) => mayReadEvent(scope, event, context));
    if (scope.level !== 'all' && events.length === 0) {
      if (archived.length === 0 && unit !== undefined && coversUnit(scope, unit)) return { subject, unit, items: [], operators: [] };
      throw new HubError('FORBIDDEN', `no unit of your scope (${scopeName(scope)}) takes part in ${subject}`);
    }
    const operators = address.type === 'lead' ? await registeredOperators(new OperatorRepository(sql), events, principal) : [];
    return { subject, unit: unit ?? null, items: events.map((event) => entry({ ...event, data: readableData(scope, event) })), operators };
  }
}

/**
 * `referral/<dept>-<region>-referral-<id>` names the sender's referral; a bare `referral/<id>` every
 * referral by that id (and old-shape answers under it), filtered event by event afterwards.
 */
function referralTarget(subjectId: string): NonNullable<TimelineTarget['referral']> {
  const named = referralOfSubjectId(subjectId);
  return named === undefined ? { referralId: subjectId, subjectId } : { ...named, subjectId };
}

/** The register entries a lead's entities name (its report's and its case's), a unit seeing those of its own region. */
async function registeredOperators(repository: OperatorRepository, events: readonly ArchivedEvent[], principal: Principal): Promise<OperatorMatch[]> {
  const entities = events.flatMap((event) => (event.type === 'lead.reported' && Array.isArray(event.data['entities']) ? (event.data['entities'] as { kind: string; value: string }[]) : []));
  const lookup = operatorLookupOf(entities.filter((e) => typeof e?.kind === 'string' && typeof e.value === 'string'));
  const found = await repository.matching(lookup);
  return found.filter((operator) => principal.kind !== 'unit' || operator.region === principal.region).map((operator) => ({ via: viaOf(operator, lookup), operator: operatorItem(operator) }));
}

function viaOf(operator: OperatorState, lookup: ReturnType<typeof operatorLookupOf>): string {
  if (operator.uscc !== null && lookup.usccs.includes(operator.uscc)) return 'uscc';
  if (operator.domain !== null && lookup.domains.includes(operator.domain)) return 'domain';
  return 'shop';
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
    actor: event.actor ?? null,
  };
}
