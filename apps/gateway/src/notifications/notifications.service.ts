import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { HitFeedbackItem, HitFeedbackPage, HitVerdictCode, NotificationItem, NotificationPage } from '@hub/contracts';
import { HIT_VERDICTS, HubError, isHitVerdict, isUuid, LIMITS, type FieldError } from '@hub/domain';
import { NotificationRepository, type NotificationState } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { coversUnit, scopeOf } from '../auth/scope.js';
import { ReadModels } from '../common/read-models.js';
import { EventsService } from '../events/events.service.js';
import { PeopleDb } from '../people/people-db.js';
import { NotificationReadsRepository } from './notification-reads.repository.js';
import { warningOfKey } from './value-warning.js';

/** The newest alerts a unit's list shows (older ones stay in the read model and the log). */
const LIST_LIMIT = 500;

const splitKey = (key: string | null): { kind: string; value: string } => {
  const k = key ?? '';
  const colon = k.indexOf(':');
  return { kind: k.slice(0, colon), value: k.slice(colon + 1) };
};


function item(n: NotificationState, read: boolean): NotificationItem {
  const warning = warningOfKey(n.entityKey, n.alertedAt);
  return {
    id: n.alertId,
    ...splitKey(n.entityKey),
    ...(warning === undefined ? {} : { warning }),
    recordRef: n.recordRef ?? '',
    otherRef: n.otherRef ?? '',
    otherUnit: n.otherUnit ?? '',
    day: n.day ?? '',
    alertedAt: n.alertedAt ?? '',
    read,
    ...(n.verdict === null ? {} : { verdict: n.verdict as HitVerdictCode }),
    ...(n.verdictNote === null ? {} : { verdictNote: n.verdictNote }),
    ...(n.verdictAt === null ? {} : { verdictAt: n.verdictAt }),
  };
}

/**
 * 通知 (issue 15 §5): the hit alerts addressed to the calling unit (hit.alerted, raised by the coordination
 * service), read marks per person, and the unit's verdict on a hit — a hit.feedback event published through
 * the unit's department service like any other event. The joint meeting reads the verdicts with their counts.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(PeopleDb) private readonly people: PeopleDb,
    @Inject(EventsService) private readonly events: EventsService,
  ) {}

  private unitOf(principal: Principal): Extract<Principal, { kind: 'unit' }> {
    if (principal.kind !== 'unit') throw new HubError('UNITS_ONLY', '通知 are a reporting unit’s: sign in as a unit clerk or use a unit’s key (the joint meeting reads /api/v1/hits/feedback)');
    return principal;
  }

  private readerOf(principal: Principal & { kind: 'unit' }): string {
    return principal.actor ?? `unit:${principal.unit}`;
  }

  async list(principal: Principal): Promise<NotificationPage> {
    const unit = this.unitOf(principal);
    const rows = await new NotificationRepository(await this.readModels.sql()).forUnit(unit.unit, LIST_LIMIT);
    const read = await new NotificationReadsRepository(await this.people.sql()).readOf(this.readerOf(unit), unit.unit, rows.map((r) => r.alertId));
    const items = rows.map((r) => item(r, read.has(r.alertId)));
    return { unread: items.filter((i) => !i.read).length, total: items.length, items };
  }

  private async one(unit: Principal & { kind: 'unit' }, id: string): Promise<NotificationState> {
    const found = await new NotificationRepository(await this.readModels.sql()).one(unit.unit, id);
    if (found === undefined) throw new HubError('NOT_FOUND', `no notification ${id} for ${unit.unit}`);
    return found;
  }

  async markRead(principal: Principal, id: string): Promise<NotificationItem> {
    const unit = this.unitOf(principal);
    const found = await this.one(unit, id);
    await new NotificationReadsRepository(await this.people.sql()).markRead(this.readerOf(unit), unit.unit, id);
    return item(found, true);
  }

  /** The unit's verdict on a hit: hit.feedback on `hit/<alertId>`, naming the value and both records. */
  async feedback(principal: Principal, id: string, body: unknown): Promise<{ id: string; seq: number; duplicate: boolean; verdict: HitVerdictCode }> {
    const unit = this.unitOf(principal);
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const fields: FieldError[] = [];
    if (!isHitVerdict(b['verdict'])) fields.push({ path: 'verdict', message: `must be one of ${HIT_VERDICTS.join(', ')}` });
    if (b['note'] !== undefined && (typeof b['note'] !== 'string' || b['note'].length > LIMITS.reason)) fields.push({ path: 'note', message: `must be text of at most ${LIMITS.reason} characters` });
    if (b['eventId'] !== undefined && !isUuid(b['eventId'])) fields.push({ path: 'eventId', message: "must be a UUID (the request's idempotency key)" });
    if (fields.length > 0) throw new HubError('VALIDATION_FAILED', `invalid feedback: ${fields.map((f) => f.path).join(', ')}`, { fields });
    const found = await this.one(unit, id);
    const data = {
      alertId: id,
      verdict: b['verdict'] as string,
      key: found.entityKey ?? '',
      recordRef: found.recordRef ?? '',
      otherRef: found.otherRef ?? '',
      ...(typeof b['note'] === 'string' && b['note'].trim() !== '' ? { note: b['note'] } : {}),
    };
    const time = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const event = { id: (b['eventId'] as string | undefined) ?? randomUUID(), type: 'hit.feedback', subject: `hit/${id}`, time, data };
    const outcome = await this.events.submit(principal, unit.department, [event]);
    const [result] = outcome.body.results;
    if (outcome.status !== 201 || result === undefined || 'error' in result) {
      const error = result !== undefined && 'error' in result ? result.error : { code: outcome.body.code ?? 'SERVICE_UNAVAILABLE', message: outcome.body.message ?? 'not stored' };
      throw new HubError(error.code as never, error.message, { fields: outcome.body.fields ?? [] });
    }
    return { id, seq: result.seq, duplicate: result.duplicate, verdict: data.verdict as HitVerdictCode };
  }

  /** The joint meeting's view: every verdict in scope (a line or prefecture its own units'), with counts per value. */
  async feedbackList(principal: Principal): Promise<HitFeedbackPage> {
    const scope = scopeOf(principal);
    if (scope.level === 'unit') throw new HubError('FORBIDDEN', 'verdicts on hits are shown to the joint meeting: coordinators, line supervisors, prefectures and auditors');
    const rows = (await new NotificationRepository(await this.readModels.sql()).withVerdicts(LIST_LIMIT)).filter((r) => coversUnit(scope, r.unit));
    const items = rows.map((r): HitFeedbackItem => ({
      unit: r.unit,
      alertId: r.alertId,
      ...splitKey(r.entityKey),
      recordRef: r.recordRef ?? '',
      otherRef: r.otherRef ?? '',
      verdict: r.verdict as HitVerdictCode,
      ...(r.verdictNote === null ? {} : { note: r.verdictNote }),
      at: r.verdictAt ?? '',
    }));
    const byValue = new Map<string, { kind: string; value: string; confirmed: number; falsePositive: number }>();
    for (const i of items) {
      const key = `${i.kind}:${i.value}`;
      const count = byValue.get(key) ?? { kind: i.kind, value: i.value, confirmed: 0, falsePositive: 0 };
      if (i.verdict === 'confirmed') count.confirmed += 1;
      else count.falsePositive += 1;
      byValue.set(key, count);
    }
    const counts = [...byValue.values()];
    return {
      totals: { confirmed: counts.reduce((n, c) => n + c.confirmed, 0), falsePositive: counts.reduce((n, c) => n + c.falsePositive, 0) },
      byValue: counts.sort((a, b) => b.confirmed + b.falsePositive - (a.confirmed + a.falsePositive) || `${a.kind}:${a.value}`.localeCompare(`${b.kind}:${b.value}`)),
      items,
    };
  }
}
