import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { jetstream } from '@nats-io/jetstream';
import pg from 'pg';
import { EventSigner, sealEvent, streamSubjectOf, type AnnexReport, type HubEvent, type KeyRegistry } from '@hub/domain';
import { generateSigningSeeds } from '@hub/runtime';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { CheckpointRepository, EventArchiveRepository, readModelClientConfig, sqlOf } from '@hub/persistence';
import { archivedFixture } from '../libs/persistence/src/testing/event-log.js';
import { loadKeyRegistry, reconcile } from '@hub/audit';
import type { AuditVerifyAnswer, AuditVerifyLine } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { waitUntil } from './faults/support/processes.js';
import { caseOpened, event, leadReported } from './support/events.js';

// Jest reads testTimeout globally, not per project: a loaded machine needs more than its default 5 s.

type VerifyAnswer = AuditVerifyAnswer;

describe('auditors: replay, verify, as of, trace, read-only', () => {
  let hub: TestHub;
  let auditor: string;

  const submit = async (department: string, unit: string, body: unknown): Promise<void> => {
    const response = await hub.submit(department, body, { unit });
    if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const json = async <T>(path: string, token = auditor): Promise<T> => {
    const response = await hub.get(path, { token });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const verify = async (query = ''): Promise<VerifyAnswer> => {
    const response = await fetch(`${hub.url}/api/v1/audit/verify${query}`, { method: 'POST', headers: { authorization: `Bearer ${auditor}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as VerifyAnswer;
  };
  const verifyStream = async (query = '', token = auditor): Promise<AuditVerifyLine[]> => {
    const response = await fetch(`${hub.url}/api/v1/audit/verify/stream${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    return (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditVerifyLine);
  };
  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client(readModelClientConfig(hub.database?.url ?? ''));
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac'], projector: true });
    auditor = hub.credentials.auditor;
    await submit('samr', 'samr/653100', leadReported('A-L1'));
    await submit('samr', 'samr/653100', event('lead.referred', 'lead/A-L1', { referralId: 'R-A1', toDepartment: 'police', toRegion: '653100', reason: '涉嫌犯罪' }));
    await hub.projected(); // the receiver may answer only a referral the hub knows
    await submit('police', 'police/653100', event('referral.answered', 'referral/R-A1', { referralId: 'R-A1', decision: 'accepted' }));
    await submit('samr', 'samr/653100', caseOpened('A-C1', { otherCategories: ['illegal_advertising'] }));
    await submit('samr', 'samr/653100', event('inspection.recorded', 'inspection/A-I1', { targetKind: 'website_or_shop', count: 7 }));
    await submit('samr', 'samr/650100', event('inspection.recorded', 'inspection/A-I2', { targetKind: 'website_or_shop', count: 3 }));
    await submit('cac', 'cac/650100', event('takedown.recorded', 'takedown/A-T1', { action: 'info_removed', count: 12_345 }));
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  describe('replay', () => {
    const replay = async (query: string): Promise<{ seq: number; streamSubject: string; event: HubEvent }[]> => {
      const response = await hub.get(`/api/v1/audit/events${query}`, { token: auditor });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
      const text = await response.text();
      return text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; streamSubject: string; event: HubEvent });
    };

    it('given the whole log, when replayed, then every event comes in stream order as JSON Lines', async () => {
      const lines = await replay('');
      // Each submission is an event and its batch's seal: the events are every other sequence.
      expect(lines.map((l) => l.seq)).toEqual([1, 3, 5, 7, 9, 11, 13]);
      expect(lines[0]?.event.type).toBe('lead.reported');
    });

    it('given an aggregate, a department, a region, a type or a sequence range, when replayed, then only those events', async () => {
      expect((await replay('?subject=lead/A-L1')).map((l) => l.event.type)).toEqual(['lead.reported', 'lead.referred']);
      expect((await replay('?department=police')).map((l) => l.seq)).toEqual([5]);
      expect((await replay('?region=650100')).map((l) => l.seq)).toEqual([11, 13]);
      expect((await replay('?type=inspection.recorded')).map((l) => l.seq)).toEqual([9, 11]);
      expect((await replay('?fromSeq=4&toSeq=9')).map((l) => l.seq)).toEqual([5, 7, 9]);
      expect(await replay(`?since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).toEqual([]);
    });

    it('given a bad filter, when replayed, then 400 names it', async () => {
      const response = await hub.get('/api/v1/audit/events?fromSeq=abc', { token: auditor });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('fromSeq');
    });
  });

  describe('as of and trace', () => {
    it('given T = now, when the annex is computed from the log, then it equals the live annex', async () => {
      for (const scope of ['all', 'region:653100', 'unit:samr/650100']) {
        const live = await json<AnnexReport>(`/api/v1/annex?scope=${scope}`);
        const fromLog = await json<AnnexReport & { source: string }>(`/api/v1/audit/annex?scope=${scope}&asOf=${encodeURIComponent(new Date().toISOString())}`);
        expect(fromLog.source).toBe('log');
        expect(fromLog.rows).toEqual(live.rows);
      }
    });

    it('given T before anything was recorded, when computed from the log, then it equals the live annex as of T: all zeros', async () => {
      const asOf = '2021-12-01T00:00:00Z';
      const fromLog = await json<AnnexReport>(`/api/v1/audit/annex?scope=all&asOf=${asOf}`);
      expect(fromLog.rows).toEqual((await json<AnnexReport>(`/api/v1/annex?scope=all&asOf=${asOf}`)).rows);
      expect(fromLog.rows.every((row) => row.value === 0)).toBe(true);
    });

    it('given T = now, when referral and case states are folded from the log, then they equal the read models', async () => {
      const referrals = await json<{ items: { referralId: string; status: string; fromUnit: string; lastSeq: number }[] }>('/api/v1/audit/referrals');
      const rows = await sql<{ referral_id: string; status: string; from_unit: string; last_seq: string }>('SELECT referral_id, status, from_unit, last_seq FROM referrals');
      expect(referrals.items.map((r) => [r.referralId, r.status, r.fromUnit, r.lastSeq])).toEqual(rows.map((r) => [r.referral_id, r.status, r.from_unit, Number(r.last_seq)]));
      expect(referrals.items[0]?.status).toBe('accepted');
      const cases = await json<{ items: { caseId: string; status: string; primaryCategory: string }[] }>('/api/v1/audit/cases');
      const caseRows = await sql<{ case_id: string; status: string; primary_category: string }>('SELECT case_id, status, primary_category FROM cases');
      expect(cases.items.map((c) => [c.caseId, c.status, c.primaryCategory])).toEqual(caseRows.map((c) => [c.case_id, c.status, c.primary_category]));
    });

    it('given a referral answered after T, when its state is asked as of T, then it is still sent', async () => {
      const [answered] = await sql<{ recorded_at: Date }>("SELECT recorded_at FROM event_archive WHERE type = 'referral.answered'");
      const before = new Date((answered?.recorded_at.getTime() ?? 0) - 1).toISOString();
      const referrals = await json<{ items: { referralId: string; status: string }[] }>(`/api/v1/audit/referrals?asOf=${encodeURIComponent(before)}`);
      expect(referrals.items).toEqual([expect.objectContaining({ referralId: 'R-A1', status: 'sent' })]);
    });

    it('given an annex cell, when traced, then it lists the events that made it and they add up to the cell', async () => {
      const trace = await json<{ row: { value: number }; total: number; items: { seq: number; amount: number; source: string }[] }>('/api/v1/audit/trace?scope=all&row=sa-1');
      expect(trace.row.value).toBe(10);
      expect(trace.items.map((i) => [i.seq, i.amount, i.source])).toEqual([
        [9, 7, 'samr/653100'],
        [11, 3, 'samr/650100'],
      ]);
      const all = await json<{ rows: { id: string; value: number; events: { seq: number }[] }[] }>('/api/v1/audit/trace?scope=region:653100');
      expect(all.rows.find((r) => r.id === 'sa-6')?.events.map((e) => e.seq)).toEqual([7]);
      expect(all.rows.find((r) => r.id === 'cac-1')?.events).toEqual([]);
    });

    it('given an unknown row, when traced, then 400 names row', async () => {
      const response = await hub.get('/api/v1/audit/trace?row=xx-1', { token: auditor });
      expect(response.status).toBe(400);
    });
  });

  describe('roles', () => {
    it('given department and coordinator tokens, when they use the audit API, then 403', async () => {
      for (const token of [hub.token('samr/653100'), hub.credentials.coordinator]) {
        for (const path of ['/api/v1/audit/events', '/api/v1/audit/annex', '/api/v1/audit/trace', '/api/v1/audit/referrals']) {
          expect((await hub.get(path, { token })).status).toBe(403);
        }
        for (const path of ['/api/v1/audit/verify', '/api/v1/audit/verify/stream']) {
          expect((await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
        }
        expect((await hub.get('/api/v1/audit/keys', { token })).status).toBe(403);
      }
    });
    // The auditor on every write operation of the OpenAPI document: test/security/http-edge.security-spec.ts.
  });

  describe('verification and tampering', () => {
    it('given the untouched log, when verified, then every hash, signature, chain and archived copy checks out', async () => {
      const answer = await verify();
      // The projector's checkpoint passes the seals too (it skips them); one seal per submission.
      expect(answer).toMatchObject({ ok: true, events: 7, seals: 7, findings: 0, archive: { rows: 7, archivedThrough: 14 } });
    });

    it('given the untouched log, when verified streamed, then progress reaches the stream\'s end, then the summary, the same as the JSON answer; the pass is access-logged', async () => {
      const lines = await verifyStream();
      const progress = lines.filter((l) => l.kind === 'progress');
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toEqual({ kind: 'progress', seq: 14, lastSeq: 14 });
      expect(lines.filter((l) => l.kind === 'finding')).toEqual([]);
      const { kind, listed, ...summary } = lines.at(-1) as Extract<AuditVerifyLine, { kind: 'summary' }>;
      expect([kind, listed]).toEqual(['summary', 0]);
      const { total, limit, offset, items, ...answered } = await verify();
      expect([total, limit, offset, items]).toEqual([0, 100, 0, []]);
      expect(summary).toEqual(answered);
      const logged = async (): Promise<{ method: string; status: number; role: string }[]> =>
        (await (await hub.get('/api/v1/audit/access?route=/api/v1/audit/verify/stream', { token: auditor })).text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { method: string; status: number; role: string });
      // The log is written in the background (batched): wait for the state, not for time.
      await waitUntil('the access log has the streamed pass', async () => (await logged()).length > 0, 10_000, 50);
      expect(await logged()).toContainEqual(expect.objectContaining({ method: 'POST', status: 200, role: 'auditor' }));
    });

    it('given a bad filter or a type filter, when verified streamed, then 400 names it before anything is streamed', async () => {
      for (const [query, field] of [['?fromSeq=x', 'fromSeq'], ['?type=lead.closed', 'type'], ['?archive=maybe', 'archive']]) {
        const response = await fetch(`${hub.url}/api/v1/audit/verify/stream${query}`, { method: 'POST', headers: { authorization: `Bearer ${auditor}` } });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe(field);
      }
    });

    it('given the key registry, when the auditor asks for it, then each department\'s public key comes with its validity', async () => {
      const registry = JSON.parse(await readFile(hub.registryFile, 'utf8')) as KeyRegistry;
      const answer = await json<{ keys: KeyRegistry['keys'] }>('/api/v1/audit/keys');
      expect(answer.keys).toEqual(registry.keys);
      expect(answer.keys.map((k) => k.department)).toEqual(expect.arrayContaining(['cac', 'police', 'samr']));
    });

    it('given a department filter, when verified, then only its aggregates are checked (no archive comparison); a type filter is refused', async () => {
      const police = await verify('?department=police');
      expect(police).toMatchObject({ ok: true, events: 1 });
      expect(police.archive).toBeUndefined();
      const response = await fetch(`${hub.url}/api/v1/audit/verify?type=lead.closed`, { method: 'POST', headers: { authorization: `Bearer ${auditor}` } });
      expect(response.status).toBe(400);
    });

    it('given archive rows flipped, dropped and reordered, when verified, then each is found and named', async () => {
      const [inspection] = await sql<{ seq: string; stream_subject: string }>("SELECT seq, stream_subject FROM event_archive WHERE seq = 9");
      await sql("UPDATE event_archive SET data = jsonb_set(data, '{count}', '8') WHERE seq = 9");
      await sql('DELETE FROM event_archive WHERE seq = 13');
      await sql('UPDATE event_archive SET seq = -1 WHERE seq = 1');
      await sql('UPDATE event_archive SET seq = 1 WHERE seq = 3');
      await sql('UPDATE event_archive SET seq = 3 WHERE seq = -1');
      const answer = await verify();
      expect(answer.ok).toBe(false);
      const found = answer.items.map((f) => [f.code, f.seq]).sort();
      expect(found).toEqual(
        [
          ['ARCHIVE_ALTERED', 9],
          ['MISSING_IN_ARCHIVE', 13],
          ['ARCHIVE_SEQ_DIFFERS', 1],
          ['ARCHIVE_SEQ_DIFFERS', 3],
        ].sort(),
      );
      expect(answer.items.find((f) => f.code === 'ARCHIVE_ALTERED')?.streamSubject).toBe(inspection?.stream_subject);
      // The streamed pass names the same findings as they are found, and counts them by code in its summary.
      const lines = await verifyStream();
      const streamed = lines.filter((l) => l.kind === 'finding').map(({ kind: _kind, ...f }) => f);
      expect([...streamed].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))).toEqual(answer.items);
      expect(lines.at(-1)).toMatchObject({ kind: 'summary', ok: false, findings: 4, listed: 4, byCode: { ARCHIVE_ALTERED: 1, MISSING_IN_ARCHIVE: 1, ARCHIVE_SEQ_DIFFERS: 2 } });
    });

    it('given an event the archive holds and the stream lost, when reconciled, then it is re-appended once and verifies', async () => {
      // Put things back, then archive a properly sealed next event of lead/A-L1 that the stream never got.
      await sql('UPDATE event_archive SET seq = -1 WHERE seq = 1');
      await sql('UPDATE event_archive SET seq = 1 WHERE seq = 3');
      await sql('UPDATE event_archive SET seq = 3 WHERE seq = -1');
      await sql("UPDATE event_archive SET data = jsonb_set(data, '{count}', '7') WHERE seq = 9");
      const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
      const streamSubject = streamSubjectOf('samr/653100', 'lead/A-L1');
      const head = (await store.readAggregate(streamSubject)).at(-1);
      const seventh = await store.eventAt(13);
      const lost = sealEvent(
        { ...leadClosedEnvelope(), version: (head?.event.version ?? 0) + 1, prevHash: head?.event.hash ?? null },
        new EventSigner(hub.seeds.samr ?? ''),
      );
      const client = new pg.Client(readModelClientConfig(hub.database?.url ?? ''));
      await client.connect();
      try {
        // The stream lost its tail after the projector had archived it: the row and the checkpoint past it commit
        // together, as the projector leaves them (a row past both the stream and the checkpoint read at the start
        // of a pass would be one archived while the pass ran, which verify leaves to the next pass).
        const sql = sqlOf(client);
        await sql.query('BEGIN');
        const archive = new EventArchiveRepository(sql);
        await archive.insertMany([archivedFixture(13, { event: seventh?.event as HubEvent, streamSubject: seventh?.streamSubject ?? '' }), archivedFixture(100, { event: lost, streamSubject })]);
        await new CheckpointRepository(sql).advance('projector', 100);
        await sql.query('COMMIT');
      } finally {
        await client.end();
      }
      const before = await verify();
      expect(before.items.map((f) => [f.code, f.seq])).toEqual([['MISSING_IN_STREAM', 100]]);

      const options = { nc: hub.admin, stream: EVENT_STREAM, databaseUrl: hub.database?.url ?? '', registry: await loadKeyRegistry(hub.registryFile) };
      const first = await reconcile(options);
      // A lost event signed on its own (the old way) can be re-appended: its signature travels with it.
      expect(first.appended).toEqual([{ id: lost.id, streamSubject, archiveSeq: 100, seq: 15 }]);
      expect(first.skipped).toEqual([]);
      expect(await reconcile(options)).toEqual({ appended: [], skipped: [] });
      await hub.projected();
      const after = await verify();
      expect(after).toMatchObject({ ok: true, events: 8, findings: 0 });
    });

    it('given an archived event whose copy was altered, when reconciling, then it is not re-appended and the reason is given', async () => {
      // Archived (with the checkpoint past it, as the projector leaves it) before the stream lost it, like 100.
      await sql(`WITH copied AS (INSERT INTO event_archive SELECT 101, gen_random_uuid(), stream_subject, type, source, department, region, aggregate_type, aggregate_id, version + 1, time, time_text, recorded_at, data, hash, hash, sig FROM event_archive WHERE seq = 100)
        UPDATE projector_checkpoint SET last_seq = 101 WHERE name = 'projector'`);
      const report = await reconcile({ nc: hub.admin, stream: EVENT_STREAM, databaseUrl: hub.database?.url ?? '', registry: await loadKeyRegistry(hub.registryFile) });
      expect(report.appended).toEqual([]);
      expect(report.skipped).toEqual([expect.objectContaining({ archiveSeq: 101, reason: expect.stringContaining('does not hash') })]);
    });
  });
});

describe('replaying a long log over HTTP', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['cac'] });
    const batch = Array.from({ length: 4_500 }, (_, i) => event('takedown.recorded', `takedown/LONG-${i}`, { action: 'info_removed', count: 1 }));
    const response = await hub.submit('cac', batch, { unit: 'cac/650100' });
    if (response.status !== 201) throw new Error(`setup: ${response.status}`);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given more events than one read batch, when replayed, then every one arrives, in order', async () => {
    const response = await hub.get('/api/v1/audit/events', { token: hub.credentials.auditor });
    const seqs = (await response.text()).trimEnd().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(seqs).toHaveLength(4_500);
    // Stream order; the seals of the request's batches sit between them.
    expect(seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] ?? 0))).toBe(true);
  });
});

describe('tampering with the stream itself (an operator with admin rights)', () => {
  let hub: TestHub;
  const verify = async (): Promise<VerifyAnswer> => {
    const response = await fetch(`${hub.url}/api/v1/audit/verify`, { method: 'POST', headers: { authorization: `Bearer ${hub.credentials.auditor}` } });
    return (await response.json()) as VerifyAnswer;
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'] });
    for (const id of ['S-1', 'S-2']) {
      const response = await hub.submit('samr', leadReported(id), { unit: 'samr/653100' });
      if (response.status !== 201) throw new Error(`setup: ${response.status}`);
    }
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it("given events forged with another department's key and with a flipped byte, when verified, then each is named", async () => {
    const js = jetstream(hub.admin);
    const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
    const head = (await store.readAggregate(streamSubjectOf('samr/653100', 'lead/S-1'))).at(-1)?.event as HubEvent;
    const forged = sealEvent({ ...leadClosedEnvelope(), subject: 'lead/S-1', version: 2, prevHash: head.hash }, new EventSigner(hub.seeds.police ?? ''));
    const forgedAck = await js.publish(streamSubjectOf('samr/653100', 'lead/S-1'), JSON.stringify(forged), { msgID: forged.id });
    const flipped = { ...sealEvent({ ...leadClosedEnvelope(), id: '0190f0a1-7c2e-7000-8000-00000000f11b', subject: 'lead/S-2', version: 2, prevHash: (await store.readAggregate(streamSubjectOf('samr/653100', 'lead/S-2'))).at(-1)?.event.hash ?? null }, new EventSigner(hub.seeds.samr ?? '')) };
    const flippedText = JSON.stringify(flipped).replace('no_violation', 'no_violatioN');
    const flippedAck = await js.publish(streamSubjectOf('samr/653100', 'lead/S-2'), flippedText, { msgID: flipped.id });

    const answer = await verify();
    expect(answer.items.map((f) => [f.code, f.seq])).toEqual([
      ['SIGNED_BY_OTHER_DEPARTMENT', forgedAck.seq],
      ['HASH_MISMATCH', flippedAck.seq],
    ]);
    expect(answer.items[0]?.message).toContain("police's key");
  });

  it('given the registry with a key replaced without rotation, when verified, then every event that key signed is named', async () => {
    const registry = JSON.parse(await readFile(hub.registryFile, 'utf8')) as KeyRegistry;
    const replaced = { ...registry, keys: registry.keys.map((key) => (key.department === 'samr' ? { ...key, publicKey: new EventSigner(generateSigningSeeds(['samr']).samr ?? '').publicKey } : key)) };
    await writeFile(hub.registryFile, JSON.stringify(replaced));
    const answer = await verify();
    // The two seals samr's service signed, and the event forged with samr's (old-style) per-event signature.
    expect(answer.items.filter((f) => f.code === 'SIGNATURE_INVALID').map((f) => f.seq)).toEqual([2, 4, 6]);
  });
});

function leadClosedEnvelope(): Omit<HubEvent, 'hash' | 'sig' | 'version' | 'prevHash'> {
  return {
    id: '0190f0a1-7c2e-7000-8000-00000000a11e',
    type: 'lead.closed',
    source: 'samr/653100',
    subject: 'lead/A-L1',
    time: '2021-10-20T10:00:00+08:00',
    recordedAt: new Date().toISOString(),
    data: { outcome: 'no_violation' },
  };
}
