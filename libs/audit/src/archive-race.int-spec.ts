// A verification pass while the projector goes on archiving (seen on the launched hub: a joint case opened during
// the pass was reported MISSING_IN_STREAM). Real nats-server, PostgreSQL and projector. The pass's seam between its
// stream read and its archive comparison lets the projector archive there; the tests wait for its checkpoint, never
// for time. Both ways of reading: inline (the stream's end is the last message read) and by range on a worker
// (the stream's last sequence when the pass began).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventSigner, planReplay, type Finding, type KeyRegistry } from '@hub/domain';
import { EVENT_STREAM } from '@hub/event-store';
import { CheckpointRepository, EventArchiveRepository } from '@hub/persistence';
import { inboxPrefixFor } from '@hub/runtime';
import { createUser } from '@nats-io/nkeys';
import { archivedFixture, EventLog } from '../../persistence/src/testing/event-log.js';
import { ProjectorHarness } from '../../../test/support/projector-harness.js';
import { verifyLog, type VerifySummary } from './log-verification.js';

const signer = new EventSigner(new TextDecoder().decode(createUser().getSeed()));
const registry: KeyRegistry = { version: 1, keys: [{ department: 'cac', publicKey: signer.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null }] };

describe.each([
  ['read inline', 0],
  ['read by range on a worker', 1],
])('a verification pass while the projector archives (%s)', (_, workers) => {
  let hub: ProjectorHarness;
  const log = new EventLog({ signer });
  let takedowns = 0;
  const takedown = (): ReturnType<EventLog['append']> => log.append('cac/650100', 'takedown.recorded', `takedown/RACE-${(takedowns += 1)}`, { action: 'info_removed', count: 1 });

  /** Publishes and waits until the projector has archived through the last one. */
  const archived = async (count: number): Promise<number[]> => {
    const seqs = await hub.publish(Array.from({ length: count }, takedown));
    await hub.waitForCheckpoint(seqs.at(-1) ?? 0);
    return seqs;
  };

  /** A whole-log pass against the archive; `during` runs after it has read the stream, before it compares. */
  const verify = async (during: () => Promise<unknown>): Promise<{ summary: VerifySummary; found: [string, number | null][] }> => {
    const findings: Finding[] = [];
    const reader = { url: hub.nats.url, seed: hub.nats.secrets.users.admin.seed, inboxPrefix: inboxPrefixFor('admin') };
    const summary = await verifyLog({
      js: hub.js,
      stream: EVENT_STREAM,
      plan: planReplay({}),
      registry,
      workers,
      ...(workers > 0 ? { reader } : {}),
      databaseUrl: hub.db.url,
      onFinding: (f) => findings.push(f),
      beforeArchiveComparison: async () => {
        await during();
      },
    });
    return { summary, found: findings.map((f): [string, number | null] => [f.code, f.seq]) };
  };

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    await hub.startProjector();
    await archived(2);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given an event appended and archived after the pass read the stream, when the archive is compared, then it is not MISSING_IN_STREAM', async () => {
    let seq = 0;
    const { summary, found } = await verify(async () => {
      [seq = 0] = await archived(1);
    });
    expect(seq).toBe(3);
    expect(found).toEqual([]);
    expect(summary).toMatchObject({ ok: true, events: 2, lastSeq: 2, archive: { rows: 2, archivedThrough: 3, archivedDuringPass: 1 } });
    // The next pass reads it from the stream and compares it like any other.
    expect((await verify(() => Promise.resolve())).summary).toMatchObject({ ok: true, events: 3, archive: { rows: 3, archivedDuringPass: 0 } });
  });

  it('given a lost stream tail archived before the pass and an event archived during it, when compared, then only the lost tail is MISSING_IN_STREAM', async () => {
    // The stream lost its last event (seq 4), which the projector had archived and checkpointed: rows and
    // checkpoint commit together, as the projector leaves them.
    const sql = await hub.sql();
    const lost = archivedFixture(4, takedown());
    await sql.query('BEGIN');
    await new EventArchiveRepository(sql).insertMany([lost]);
    await new CheckpointRepository(sql).advance('projector', 4);
    await sql.query('COMMIT');
    const { summary, found } = await verify(async () => {
      // The stream's next two take 4 and 5; the projector passes 4 (its checkpoint) and archives 5.
      expect(await archived(2)).toEqual([4, 5]);
    });
    expect(found).toEqual([['MISSING_IN_STREAM', 4]]);
    expect(summary.archive).toMatchObject({ rows: 4, archivedThrough: 5, archivedDuringPass: 1 });
  });

  it('given the projector under another checkpoint name than the pass asks for, when an archive with rows is compared, then the pass refuses, naming it, rather than read the checkpoint as 0', async () => {
    const pass = verifyLog({ js: hub.js, stream: EVENT_STREAM, plan: planReplay({}), registry, workers: 0, databaseUrl: hub.db.url, projectorName: 'renamed', onFinding: () => undefined });
    await expect(pass).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining("no projector checkpoint named 'renamed'") });
  });
});
