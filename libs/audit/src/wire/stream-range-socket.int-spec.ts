// The audit's own stream reader against a real nats-server: as the auditor principal (its nkey, its inbox
// prefix, its permissions), across several pull requests, over a deleted message, with headers, and through a
// server that requires TLS; a wrong key and a principal without read rights are refused with the server's words.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { inboxPrefixFor } from '@hub/runtime';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { headerValue } from './frame-parser.js';
import { StreamRangeSocket } from './stream-range-socket.js';

interface Read {
  seq: number;
  subject: string;
  storedAt: number;
  body: string;
  reconciledFrom?: string;
}

async function readAll(reader: StreamRangeSocket, fromSeq: number, toSeq: number): Promise<Read[]> {
  const read: Read[] = [];
  await reader.readRange(EVENT_STREAM, fromSeq, toSeq, (seq, subject, storedAt, payload, frame) => {
    const reconciledFrom = headerValue(frame.headers, 'Hub-Reconciled-From');
    read.push({ seq, subject, storedAt, body: Buffer.from(payload).toString(), ...(reconciledFrom ? { reconciledFrom } : {}) });
  });
  return read;
}

describe('the audit stream reader on a plain server', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let reader: StreamRangeSocket;
  const COUNT = 9_500; // more than two pull requests' worth

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    // The hub's stream denies deletes; this one allows one, to leave a gap in the sequence.
    await (await jetstreamManager(nc)).streams.add({ name: EVENT_STREAM, subjects: ['hub.evt.>', 'hub.seal.>'] });
    const js = jetstream(nc);
    for (let i = 1; i <= COUNT; i += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, j) => {
          const n = i + j;
          const h = natsHeaders();
          if (n % 1000 === 0) h.set('Hub-Reconciled-From', String(n * 10));
          return js.publish(`hub.evt.samr.653100.lead.l${n}`, JSON.stringify({ n, note: '假冒\r\n' }), { headers: h });
        }),
      );
    }
    await (await jetstreamManager(nc)).streams.deleteMessage(EVENT_STREAM, 4_200);
    reader = await StreamRangeSocket.open({ url: nats.url, seed: nats.secrets.users.auditor.seed, inboxPrefix: inboxPrefixFor('auditor'), name: 'audit-reader-spec' });
  });

  afterAll(async () => {
    reader?.close();
    await nc?.close();
    await nats?.cleanup();
  });

  it('given the whole stream, when read as the auditor, then every message comes once, in order, with its subject, body, storage time and headers; the deleted one is skipped', async () => {
    const read = await readAll(reader, 1, COUNT);
    expect(read).toHaveLength(COUNT - 1);
    expect(read.map((r) => r.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1).filter((seq) => seq !== 4_200));
    expect(read[0]).toEqual({ seq: 1, subject: 'hub.evt.samr.653100.lead.l1', storedAt: expect.any(Number), body: JSON.stringify({ n: 1, note: '假冒\r\n' }) });
    expect(read.filter((r) => r.reconciledFrom).map((r) => [r.seq, r.reconciledFrom])).toEqual(Array.from({ length: 9 }, (_, i) => [(i + 1) * 1000, String((i + 1) * 10_000)]));
    // The storage time as nats.js reads it, to the millisecond.
    const stored = await jetstream(nc).streams.get(EVENT_STREAM).then((s) => s.getMessage({ seq: 777 }));
    expect(read[776]?.storedAt).toBe(stored?.time.getTime());
  });

  it('given ranges in the middle, past the end and beyond the stream, when read on the same connection (two at once), then each gets exactly its own messages', async () => {
    const [middle, tail] = await Promise.all([readAll(reader, 4_199, 4_202), readAll(reader, COUNT - 1, COUNT + 50)]);
    expect(middle.map((r) => r.seq)).toEqual([4_199, 4_201, 4_202]);
    expect(tail.map((r) => r.seq)).toEqual([COUNT - 1, COUNT]);
    expect(await readAll(reader, COUNT + 1, COUNT + 10)).toEqual([]);
  });

  it('given a wrong key, then the connection is refused with the server\'s reason', async () => {
    const stranger = new TextDecoder().decode(createUser().getSeed());
    await expect(StreamRangeSocket.open({ url: nats.url, seed: stranger, name: 'stranger' })).rejects.toThrow(/refused the connection: 'Authorization Violation'/);
  });

  it('given a department principal (no unfiltered consumer), then reading is refused with the permissions violation and the reader is closed', async () => {
    const department = await StreamRangeSocket.open({ url: nats.url, seed: nats.secrets.users['dept:samr'].seed, inboxPrefix: inboxPrefixFor('dept:samr'), name: 'samr-reader' });
    await expect(readAll(department, 1, 10)).rejects.toThrow(/Permissions Violation for Publish to "\$JS\.API\.CONSUMER\.CREATE\.HUB_EVENTS"/);
    expect(department.closed).toBe(true);
  });
});

describe('the audit stream reader on a server that requires TLS', () => {
  let nats: TestNats;
  let dir: string;
  let ca: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-reader-tls-'));
    // A self-signed certificate for the loopback names, its own CA.
    const [cert, key] = [join(dir, 'server.crt'), join(dir, 'server.key')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    ca = readFileSync(cert, 'utf8');
    nats = await startTestNats({ config: { tls: { certFile: cert, keyFile: key, caFile: cert } } });
    const nc = await connect({ ...nats.connectOptions('admin'), tls: { ca } });
    try {
      await ensureEventStream(await jetstreamManager(nc));
      await jetstream(nc).publish('hub.evt.samr.653100.lead.t1', '{"over":"tls"}');
    } finally {
      await nc.close();
    }
  });

  afterAll(async () => {
    await nats?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given the CA, when read as the auditor, then the reader upgrades the connection and reads; without the CA the certificate is refused', async () => {
    const options = { url: nats.url, seed: nats.secrets.users.auditor.seed, inboxPrefix: inboxPrefixFor('auditor'), name: 'tls-reader' };
    const reader = await StreamRangeSocket.open({ ...options, tls: { ca } });
    try {
      expect((await readAll(reader, 1, 1)).map((r) => r.body)).toEqual(['{"over":"tls"}']);
    } finally {
      reader.close();
    }
    await expect(StreamRangeSocket.open(options)).rejects.toThrow(/certificate/);
  });
});
