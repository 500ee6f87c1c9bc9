// The floor under (h): what a single-event request costs when the hub's processes do nothing but pass it on.
// Same topology as the launched hub (README, (h)): an HTTP front process, a NATS request to a department process
// that publishes to JetStream (msg-id + expected subject sequence) and answers, and two consumer processes
// (projector and coordination stand-ins) that receive every event and acknowledge it once per drained batch.
// No authentication, access log, validation, hashing, sealing, PostgreSQL or domain work: whatever the hub
// spends above this is its own; this much no implementation of that topology avoids. Each process's CPU comes
// from /proc, so the figure per request holds on a loaded machine too.
//
// Knobs (env): BENCH_FLOOR_CLIENTS (32), BENCH_FLOOR_EVENTS (events per request, 1; (f) and (i) send 40),
// BENCH_FLOOR_SECONDS (15), BENCH_FLOOR_WARMUP_SECONDS (3).
// Run: npm run bench:plumbing-floor
import './support/interruptible.js';
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventSubject } from '@hub/domain';
import { connectWithRedial, ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { natsClientOptions, type NatsSecrets } from '@hub/runtime';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { jsonPoster } from './support/http-post.js';
import { BENCH_UNIT, benchSubmission } from './support/payloads.js';
import { percentile } from './support/measure.js';
import { cpuSecondsOf } from './support/process-cpu.js';

const INTAKE_SUBJECT = 'floor.intake';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Role = 'front' | 'department' | 'consumer';

/** A child's first message to the bench: it is ready (and the front's port). */
interface Ready {
  ready: true;
  port?: number;
}

/** As the hub's services connect: nkey-authenticated, no async traces, writes once per event-loop turn. */
function connectAsAdmin(url: string, secrets: NatsSecrets): Promise<NatsConnection> {
  return connectWithRedial((timeout) => ({ servers: url, ...natsClientOptions(secrets, 'admin'), noAsyncTraces: true, timeout }));
}

function connectChild(): Promise<NatsConnection> {
  return connectAsAdmin(process.env['FLOOR_NATS_URL'] ?? '', JSON.parse(process.env['FLOOR_NATS_SECRETS'] ?? '{}') as NatsSecrets);
}

/** The gateway's part: read the body, parse it, one NATS request, answer with the reply. */
async function front(): Promise<Ready> {
  const nc = await connectChild();
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const events = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>[];
      nc.request(INTAKE_SUBJECT, encoder.encode(JSON.stringify({ events })), { timeout: 10_000 }).then(
        (reply) => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(reply.data);
        },
        (error: Error) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: error.message }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { ready: true, port: (server.address() as AddressInfo).port };
}

/** The department service's part: parse, publish each event to JetStream as the append does, answer with the seqs. */
async function department(): Promise<Ready> {
  const nc = await connectChild();
  const js = jetstream(nc);
  const [dept, region] = BENCH_UNIT.split('/') as [string, string];
  nc.subscribe(INTAKE_SUBJECT, {
    callback: (error, msg) => {
      if (error) return;
      const { events } = JSON.parse(decoder.decode(msg.data)) as { events: Record<string, unknown>[] };
      Promise.all(
        events.map((event) => {
          const [type, id] = String(event['subject']).split('/') as [string, string];
          return js.publish(eventSubject(dept, region, type, id), encoder.encode(JSON.stringify(event)), {
            msgID: String(event['id']),
            expect: { lastSubjectSequence: 0, streamName: EVENT_STREAM },
            timeout: 10_000,
          });
        }),
      ).then(
        (acks) => msg.respond(encoder.encode(JSON.stringify({ stored: acks.map((ack) => ack.seq) }))),
        (failure: Error) => msg.respond(encoder.encode(JSON.stringify({ error: failure.message }))),
      );
    },
  });
  await nc.flush();
  return { ready: true };
}

/** A projector's or coordination's part: receive every event, acknowledge once per drained batch (AckPolicy.All). */
async function consumer(name: string): Promise<Ready> {
  const nc = await connectChild();
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(EVENT_STREAM, { durable_name: name, ack_policy: AckPolicy.All, deliver_policy: DeliverPolicy.New, filter_subject: 'hub.evt.>' });
  const messages = await jetstream(nc).consumers.get(EVENT_STREAM, name).then((c) => c.consume({ max_messages: 1_000 }));
  void (async () => {
    let unacked = 0;
    for await (const msg of messages) {
      JSON.parse(decoder.decode(msg.data));
      unacked += 1;
      if (msg.info.pending === 0 || unacked >= 500) {
        msg.ack();
        unacked = 0;
      }
    }
  })();
  return { ready: true };
}

async function runChild(role: Role): Promise<void> {
  const ready = role === 'front' ? await front() : role === 'department' ? await department() : await consumer(process.env['FLOOR_CONSUMER'] ?? 'floor');
  process.send?.(ready);
}

function spawnRole(role: Role, nats: TestNats, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; ready: Ready }> {
  const env = { ...process.env, FLOOR_NATS_URL: nats.url, FLOOR_NATS_SECRETS: JSON.stringify(nats.secrets), ...extraEnv };
  const child = fork(new URL(import.meta.url).pathname, [role], { env, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (ready: Ready) => resolve({ child, ready }));
    child.once('exit', (code) => reject(new Error(`floor ${role} exited (${code}) before it was ready`)));
  });
}

/** A knob that must be a positive number (clients, events per request, seconds); its error names it. */
function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const clients = positiveNumber('BENCH_FLOOR_CLIENTS', 32);
  const eventsPerRequest = positiveNumber('BENCH_FLOOR_EVENTS', 1);
  const measureSeconds = positiveNumber('BENCH_FLOOR_SECONDS', 15);
  const warmUpSeconds = positiveNumber('BENCH_FLOOR_WARMUP_SECONDS', 3);
  const nats = await startTestNats();
  const children: ChildProcess[] = [];
  try {
    const setup = await connectAsAdmin(nats.url, nats.secrets);
    await ensureEventStream(await jetstreamManager(setup));
    await setup.close();
    const started = await Promise.all([
      spawnRole('front', nats),
      spawnRole('department', nats),
      spawnRole('consumer', nats, { FLOOR_CONSUMER: 'projector' }),
      spawnRole('consumer', nats, { FLOOR_CONSUMER: 'coordination' }),
    ]);
    children.push(...started.map((s) => s.child));
    const url = `http://127.0.0.1:${String(started[0].ready.port)}/`;
    const poster = jsonPoster(clients);
    const pids = { front: started[0].child.pid!, department: started[1].child.pid!, projector: started[2].child.pid!, coordination: started[3].child.pid!, nats: nats.pid, client: process.pid };
    let n = 0;
    let measuring = false;
    let answered = 0;
    const latencies: number[] = [];
    const stopAt = Date.now() + (warmUpSeconds + measureSeconds) * 1_000;
    let before: Record<string, number> = {};
    let measureStart = 0;
    setTimeout(() => {
      before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
      measureStart = performance.now();
      measuring = true;
    }, warmUpSeconds * 1_000);
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < stopAt) {
          const body = JSON.stringify(Array.from({ length: eventsPerRequest }, () => benchSubmission(n++, 'FLOOR')));
          const sent = performance.now();
          const answer = await poster.post(url, { 'content-type': 'application/json' }, body);
          if (answer.status !== 201) throw new Error(`floor: the front answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          if (measuring) {
            answered += 1;
            latencies.push(performance.now() - sent);
          }
        }
      }),
    );
    const elapsed = (performance.now() - measureStart) / 1_000;
    const perRequest = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, Math.round(((cpuSecondsOf(pid) - (before[name] ?? 0)) / answered) * 1e6)]));
    poster.close();
    latencies.sort((a, b) => a - b);
    const hub = Object.entries(perRequest).filter(([name]) => name !== 'client').reduce((sum, [, us]) => sum + us, 0);
    console.log(`[bench plumbing-floor] ${clients} clients × ${eventsPerRequest}-event requests for ${measureSeconds} s: ${Math.round(answered / elapsed)} requests/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    console.log(`[bench plumbing-floor] CPU per request, µs: ${JSON.stringify(perRequest)}`);
    const client = perRequest['client'] ?? 0;
    console.log(
      `[bench plumbing-floor] the topology alone: ${hub} µs per request (client excluded) → on 2 idle cores at most ${Math.round(2e6 / hub)} requests/s ` +
        `(${Math.round((2e6 / hub) * eventsPerRequest)} ev/s) with the client elsewhere, ${Math.round(2e6 / (hub + client))} requests/s with this client beside it`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await nats.cleanup();
  }
}

const role = process.argv[2] as Role | undefined;
if (role === 'front' || role === 'department' || role === 'consumer') {
  await runChild(role);
} else {
  await main();
}
