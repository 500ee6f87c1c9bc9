// The projector against a real nats-server and PostgreSQL: every read model, duplicates, corrupt
// messages, restarts, PostgreSQL outages. No sleeping: tests wait for committed batches.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { EVENT_STREAM } from '@hub/event-store';
import { createTestDatabase } from '@hub/runtime';
import { CheckpointRepository, EventArchiveRepository, ProjectionErrorRepository, type Sql } from '@hub/persistence';
import { EventLog } from '../../../libs/persistence/src/testing/event-log.js';
import { ProjectorHarness } from '../../../test/support/projector-harness.js';

describe('projector', () => {
  let hub: ProjectorHarness;
  let sql: Sql;

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    await hub.startProjector();
    sql = await hub.sql();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given a mixed set of events, when projected, then each read model holds its part', async () => {
    const log = new EventLog();
    const at = (time: string) => ({ time, recordedAt: new Date(Date.parse(time) + 3_600_000).toISOString() });
    log.append('samr/653100', 'lead.reported', 'lead/L-1', { category: 'counterfeit', channel: 'monitoring', platform: '淘宝', summary: '假冒运动鞋', entities: [{ kind: 'uscc', value: '91110000600037341L' }] }, at('2021-10-08T09:30:00+08:00'));
    log.append('samr/653100', 'lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '653100', reason: '涉嫌犯罪', dueAt: '2021-10-22T18:00:00+08:00' }, at('2021-10-09T10:00:00+08:00'));
    const r1 = { referralId: 'R-1', fromDepartment: 'samr', fromRegion: '653100' };
    log.append('police/653100', 'referral.answered', 'referral/samr-653100-referral-R-1', { ...r1, decision: 'accepted' }, at('2021-10-10T10:00:00+08:00'));
    log.append('police/653100', 'referral.feedback', 'referral/samr-653100-referral-R-1', { ...r1, outcome: 'case_opened', caseId: 'KS-1' }, at('2021-10-20T10:00:00+08:00'));
    log.append('samr/653100', 'lead.closed', 'lead/L-1', { outcome: 'referred_out' }, at('2021-10-21T10:00:00+08:00'));
    log.append('samr/653100', 'case.opened', 'case/C-1', { caseNo: '喀市监立〔2021〕12号', kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: ['illegal_advertising'], leadIds: ['L-1'], entities: [], platform: '淘宝' }, at('2021-10-12T10:00:00+08:00'));
    log.append('samr/653100', 'case.decided', 'case/C-1', { decisionNo: '处罚45号', fine: 50000, confiscation: 12345.67 }, at('2021-11-30T16:00:00+08:00'));
    log.append('samr/653100', 'case.marked_typical', 'case/C-1', {}, at('2021-12-01T16:00:00+08:00'));
    log.append('samr/653100', 'takedown.recorded', 'takedown/T-1', { action: 'listing_removed', count: 1200, platform: '拼多多' }, at('2021-10-09T09:30:00+08:00'));
    log.append('postal/650100', 'inspection.recorded', 'inspection/I-1', { targetKind: 'postal_express_company', count: 18 }, at('2021-10-09T09:30:00+08:00'));
    log.append('nmpa/650100', 'rectification.ordered', 'rectification/RO-1', { targetKind: 'device_platform', count: 2 }, at('2021-10-09T09:30:00+08:00'));
    log.append('customs/650100', 'seizure.recorded', 'seizure/S-1', { channel: 'postal_express', batches: 3, pieces: 450 }, at('2021-10-09T09:30:00+08:00'));
    const seqs = await hub.publish(log.events);
    await hub.waitForCheckpoint(seqs.at(-1) ?? 0);

    const archive = await sql.query<{ seq: string; id: string; data: unknown; hash: string; time_text: string }>('SELECT seq, id::text AS id, data, hash, time_text FROM event_archive ORDER BY seq');
    expect(archive.map((row) => row.id)).toEqual(log.events.map((e) => e.event.id));
    expect(archive[0]).toMatchObject({ seq: String(seqs[0]), data: log.events[0]?.event.data, hash: log.events[0]?.event.hash, time_text: '2021-10-08T09:30:00+08:00' });

    expect(await sql.query("SELECT status, category, closed_outcome, referral_ids, version FROM leads WHERE lead_id = 'L-1'")).toEqual([
      { status: 'closed', category: 'counterfeit', closed_outcome: 'referred_out', referral_ids: ['R-1'], version: 3 },
    ]);
    expect(await sql.query("SELECT to_unit, from_unit, lead_id, status, decision, feedback_outcome, feedback_case_id FROM referrals WHERE referral_id = 'R-1'")).toEqual([
      { to_unit: 'police/653100', from_unit: 'samr/653100', lead_id: 'L-1', status: 'fed_back', decision: 'accepted', feedback_outcome: 'case_opened', feedback_case_id: 'KS-1' },
    ]);
    expect(await sql.query("SELECT status, kind, primary_category, other_categories, decision_no, fine, typical FROM cases WHERE case_id = 'C-1'")).toEqual([
      { status: 'decided', kind: 'administrative', primary_category: 'counterfeit', other_categories: ['illegal_advertising'], decision_no: '处罚45号', fine: '50000.00', typical: true },
    ]);
    expect(await sql.query('SELECT kind, action, target_kind, count, batches, pieces, unit FROM tallies ORDER BY seq')).toEqual([
      { kind: 'takedown', action: 'listing_removed', target_kind: null, count: 1200, batches: null, pieces: null, unit: 'samr/653100' },
      { kind: 'inspection', action: null, target_kind: 'postal_express_company', count: 18, batches: null, pieces: null, unit: 'postal/650100' },
      { kind: 'rectification', action: null, target_kind: 'device_platform', count: 2, batches: null, pieces: null, unit: 'nmpa/650100' },
      { kind: 'seizure', action: null, target_kind: null, count: null, batches: 3, pieces: 450, unit: 'customs/650100' },
    ]);
    const rows = await sql.query<{ row_id: string; amount: number; other_categories: string[] | null }>("SELECT row_id, amount, other_categories FROM annex_contributions WHERE campaign = 'net-sword-2021' ORDER BY seq, row_id");
    expect(rows).toEqual([
      { row_id: 'sa-6', amount: 1, other_categories: ['illegal_advertising'] },
      { row_id: 'sa-2', amount: 1200, other_categories: null },
      { row_id: 'pos-1', amount: 18, other_categories: null },
      { row_id: 'drg-6', amount: 2, other_categories: null },
      { row_id: 'cus-1', amount: 3, other_categories: null },
      { row_id: 'cus-2', amount: 450, other_categories: null },
    ]);
  });

  it('given a retried event stored again at a new sequence (another Nats-Msg-Id), then it is applied once and the repeat is recorded', async () => {
    const log = new EventLog();
    const first = log.append('cac/650100', 'takedown.recorded', 'takedown/T-R', { action: 'info_removed', count: 40 });
    const [seq] = await hub.publish([first]);
    const retrySeq = await hub.publishRaw(first.streamSubject, JSON.stringify(first.event), randomUUID());
    expect(retrySeq).toBeGreaterThan(seq ?? 0);
    await hub.waitForCheckpoint(retrySeq);

    expect(await sql.query('SELECT seq FROM tallies WHERE event_id = $1', [first.event.id])).toEqual([{ seq: String(seq) }]);
    expect(await sql.query('SELECT row_id FROM annex_contributions WHERE event_id = $1', [first.event.id])).toEqual([{ row_id: 'cac-1' }]);
    const errors = await new ProjectionErrorRepository(sql).list();
    expect(errors).toContainEqual(expect.objectContaining({ seq: retrySeq, kind: 'duplicate', eventId: first.event.id }));
  });

  it('given a corrupt message, then it is reported in projection_errors with its body and the projector carries on', async () => {
    const bad = await hub.publishRaw('hub.evt.samr.653100.lead.BAD', '{"not": "an event"', randomUUID());
    const log = new EventLog();
    const [after] = await hub.publish([log.append('samr/653100', 'lead.reported', 'lead/L-after', { category: 'other', channel: 'tip', summary: 'x', entities: [] })]);
    await hub.waitForCheckpoint(after ?? 0);

    const errors = await new ProjectionErrorRepository(sql).list();
    expect(errors).toContainEqual({ seq: bad, streamSubject: 'hub.evt.samr.653100.lead.BAD', kind: 'corrupt', eventId: null, message: 'body is not JSON', payload: '{"not": "an event"' });
    expect(await sql.query("SELECT lead_id FROM leads WHERE lead_id = 'L-after'")).toHaveLength(1);
  });

  it('given a stopped projector, when events arrive and it starts again, then it resumes from its checkpoint', async () => {
    await hub.stopProjectors();
    const before = await new CheckpointRepository(sql).read('projector');
    const log = new EventLog();
    const seqs = await hub.publish(Array.from({ length: 30 }, (_, i) => log.append('samr/650100', 'takedown.recorded', `takedown/RS-${i}`, { action: 'listing_removed', count: i + 1 })));
    await hub.startProjector();
    await hub.waitForCheckpoint(seqs.at(-1) ?? 0);

    expect(before).toBe((seqs[0] ?? 0) - 1);
    expect(await new EventArchiveRepository(sql).count()).toBe(await hub.lastSeq() - 2); // the duplicate and the corrupt message are not events
    expect(await sql.query("SELECT count(*)::int AS n FROM tallies WHERE aggregate_id LIKE 'RS-%'")).toEqual([{ n: 30 }]);
  });

  it('given a database that knows less than JetStream acked, when a projector starts on it, then PostgreSQL wins and it replays from there', async () => {
    const fresh = await createTestDatabase();
    try {
      const info = await (await jetstreamManager(hub.admin)).consumers.info(EVENT_STREAM, 'projector');
      expect(info.ack_floor.stream_seq).toBeGreaterThan(0);
      await hub.stopProjectors();
      const other = await hub.startProjector({ databaseUrl: fresh.url });
      const freshSql = await hub.sql(fresh.url);
      const end = await hub.lastSeq();
      await hub.waitForCheckpoint(end, fresh.url);

      expect(await new CheckpointRepository(freshSql).read('projector')).toBe(end);
      expect(await new EventArchiveRepository(freshSql).count()).toBe(await new EventArchiveRepository(sql).count());
      await hub.stopProjector(other);
      await hub.startProjector(); // back on the suite's database for the next tests
    } finally {
      await fresh.drop();
    }
  });

  it('given PostgreSQL refuses connections for a while, then the batch is not acked and the projector recovers by itself', async () => {
    const admin = new pg.Client({ connectionString: hub.db.url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(hub.db.name)} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'hub-projector'", [hub.db.name]);
      const log = new EventLog();
      const failed = hub.sessionErrors.next();
      const seqs = await hub.publish(Array.from({ length: 20 }, (_, i) => log.append('police/650100', 'case.opened', `case/PG-${i}`, { caseNo: `公${i}`, kind: 'criminal', primaryCategory: 'other', otherCategories: [], leadIds: [], entities: [] })));
      await failed;
      await hub.sessionErrors.next(); // a retry failed too: it is really down
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(hub.db.name)} ALLOW_CONNECTIONS true`);
      await hub.waitForCheckpoint(seqs.at(-1) ?? 0);

      expect(await sql.query("SELECT count(*)::int AS n FROM cases WHERE case_id LIKE 'PG-%'")).toEqual([{ n: 20 }]);
      expect(await new EventArchiveRepository(sql).count()).toBe(await hub.lastSeq() - 2);
    } finally {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(hub.db.name)} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
    }
  });
});
