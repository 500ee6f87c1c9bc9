// Issue 12 §5: a department's retired signing key leaks. With the department's NATS credentials the
// attacker signs new events with it and dates recordedAt back into the key's old validity window. The
// signature and the recordedAt both look right; JetStream's storage time (the server's clock, not the
// publisher's) does not. Real nats-server, real audit verification (libs/audit verifyLog).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { EventSigner, planReplay, sealEvent, streamSubjectOf, type Finding, type KeyRegistry } from '@hub/domain';
import { encodeEvent, ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { verifyLog } from '@hub/audit';
import { startTestNats, type TestNats } from '@hub/runtime/testing';

const MINUTE = 60_000;
const newSigner = (): EventSigner => new EventSigner(new TextDecoder().decode(createUser().getSeed()));
let nats: TestNats;
let admin: NatsConnection;
const connections: NatsConnection[] = [];

beforeAll(async () => {
  nats = await startTestNats();
  admin = await connect(nats.connectOptions('admin'));
  connections.push(admin);
  await ensureEventStream(await jetstreamManager(admin));
});

afterAll(async () => {
  await Promise.all(connections.map((nc) => nc.close()));
  await nats?.cleanup();
});

/** Publishes, as the department's NATS user, a version-1 lead signed with `signer` and dated `recordedAt`. */
async function publishSigned(unit: string, aggregateId: string, signer: EventSigner, recordedAt: Date): Promise<number> {
  const department = unit.split('/')[0] as string;
  const nc = await connect(nats.connectOptions(`dept:${department}` as never));
  connections.push(nc);
  const subject = `lead/${aggregateId}`;
  const event = sealEvent(
    { id: randomUUID(), type: 'lead.reported', source: unit, subject, time: '2021-10-08T09:30:00+08:00', recordedAt: recordedAt.toISOString(), version: 1, data: { summary: '假冒运动鞋' }, prevHash: null },
    signer,
  );
  const { body, headers } = encodeEvent(event);
  return (await jetstream(nc).publish(streamSubjectOf(unit, subject), body, { msgID: event.id, headers })).seq;
}

async function verifyAll(registry: KeyRegistry): Promise<Finding[]> {
  const findings: Finding[] = [];
  await verifyLog({ js: jetstream(admin), stream: EVENT_STREAM, plan: planReplay({}), registry, workers: 0, onFinding: (f) => findings.push(f) });
  return findings;
}

describe('a leaked retired signing key', () => {
  it('cannot backdate an event into its old window: audit verify judges the key at JetStream’s storage time too', async () => {
    const now = Date.now();
    const samrOld = newSigner();
    const samrNew = newSigner();
    const policeOld = newSigner();
    const policeNew = newSigner();
    const iso = (ms: number): string => new Date(ms).toISOString();
    const registry: KeyRegistry = {
      version: 1,
      keys: [
        // samr rotated 10 minutes ago (beyond the 5-minute grace); police one minute ago (within it).
        { department: 'samr', publicKey: samrOld.publicKey, validFrom: iso(now - 24 * 60 * MINUTE), validTo: iso(now - 10 * MINUTE) },
        { department: 'samr', publicKey: samrNew.publicKey, validFrom: iso(now - 10 * MINUTE), validTo: null },
        { department: 'police', publicKey: policeOld.publicKey, validFrom: iso(now - 24 * 60 * MINUTE), validTo: iso(now - MINUTE) },
        { department: 'police', publicKey: policeNew.publicKey, validFrom: iso(now - MINUTE), validTo: null },
      ],
    };

    const forged = await publishSigned('samr/653100', 'BACKDATED', samrOld, new Date(now - 60 * MINUTE));
    const current = await publishSigned('samr/653100', 'CURRENT', samrNew, new Date());
    // In flight across a rotation: signed just before it, stored just after: not a finding.
    const inFlight = await publishSigned('police/650100', 'IN-FLIGHT', policeOld, new Date(now - 2 * MINUTE));

    const findings = await verifyAll(registry);
    expect(findings.map((f) => [f.code, f.seq])).toEqual([['SIGNED_OUTSIDE_VALIDITY', forged]]);
    expect(findings[0]?.message).toContain('stored by JetStream at');
    expect([current, inFlight]).not.toContain(forged);
  });
});
