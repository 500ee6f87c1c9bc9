import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { checkSignature, hashEvent, planReplay, type KeyRegistry } from '@hub/domain';
import { encodeEvent, headFromHeaders } from '@hub/event-store';
import { archivedEnvelope, EventArchiveRepository, readModelClientConfig, sqlOf, type ArchivedEvent } from '@hub/persistence';
import pg from 'pg';
import { HEADER_RECONCILED_FROM } from './log-message.js';
import { verifyLog } from './log-verification.js';

export interface ReconcileOptions {
  /** A connection allowed to publish any department's subjects (the admin principal): reconcile is an operator's act. */
  nc: NatsConnection;
  stream: string;
  databaseUrl: string;
  /** The projector's checkpoint name (default `projector`). */
  projectorName?: string;
  registry: KeyRegistry;
  workers?: number;
  onProgress?: (seq: number, lastSeq: number) => void;
}

export interface ReconcileReport {
  /** Events the archive held and the stream had lost, now re-appended. */
  appended: { id: string; streamSubject: string; archiveSeq: number; seq: number }[];
  /** Events that were missing but could not be re-appended, and why. */
  skipped: { id: string; streamSubject: string; archiveSeq: number; reason: string }[];
}

/**
 * Re-appends to the stream what the archive holds and the stream lost. Idempotent: what is missing is
 * worked out anew each run (a whole verification pass against the archive), the publish carries the event
 * id as Nats-Msg-Id and the subject's expected last sequence, and an event is re-appended only where it
 * continues its aggregate's chain in the stream. The original signed event is appended unchanged, with a
 * `Hub-Reconciled-From: <archive seq>` header so later verifications match it with its archive row.
 * An archived copy that fails its own hash or signature is never re-appended.
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const missing: number[] = [];
  await verifyLog({
    js: jetstream(options.nc),
    stream: options.stream,
    plan: planReplay({}),
    registry: options.registry,
    workers: options.workers ?? 0,
    databaseUrl: options.databaseUrl,
    ...(options.projectorName ? { projectorName: options.projectorName } : {}),
    onFinding: (found) => {
      if (found.code === 'MISSING_IN_STREAM' && found.seq !== null) missing.push(found.seq);
    },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const report: ReconcileReport = { appended: [], skipped: [] };
  if (missing.length === 0) return report;
  const client = new pg.Client(readModelClientConfig(options.databaseUrl, undefined, 'hub-reconcile'));
  await client.connect();
  try {
    const archived = await new EventArchiveRepository(sqlOf(client)).bySeqs(missing.sort((a, b) => a - b));
    for (const row of archived) await reappend(options, row, report);
  } finally {
    await client.end();
  }
  return report;
}

async function reappend(options: ReconcileOptions, row: ArchivedEvent, report: ReconcileReport): Promise<void> {
  const event = archivedEnvelope(row);
  const skip = (reason: string): void => {
    report.skipped.push({ id: row.id, streamSubject: row.streamSubject, archiveSeq: row.seq, reason });
  };
  if (hashEvent(event) !== event.hash) return skip('the archived copy does not hash to its hash (altered in the archive)');
  const department = row.streamSubject.split('.')[2] ?? '';
  // A sealed event's signature is its batch's seal, whose other events and chain the archive copy alone cannot show.
  if (event.sig === undefined) return skip('the archived copy is signed by a batch seal, not on its own: re-append it with its seal from a backup of the stream');
  const bad = checkSignature({ seq: row.seq, streamSubject: row.streamSubject, eventId: row.id, department, recordedAt: event.recordedAt, hash: event.hash, sig: event.sig }, options.registry);
  if (bad) return skip(`the archived copy's signature fails: ${bad.message}`);

  const jsm = await jetstreamManager(options.nc);
  const last = await jsm.streams.getMessage(options.stream, { last_by_subj: row.streamSubject }).catch(() => null);
  const head = last ? { seq: last.seq, ...headFromHeaders(last.header, last.seq) } : undefined;
  const expectedVersion = (head?.version ?? 0) + 1;
  if (event.version !== expectedVersion || event.prevHash !== (head?.hash ?? null)) {
    return skip(`does not continue the stream's chain: the stream's ${row.streamSubject} is at version ${head?.version ?? 0}, the archived event is version ${event.version}`);
  }
  const { body, headers } = encodeEvent(event);
  const h = natsHeaders();
  for (const [key, values] of headers) for (const value of values) h.append(key, value);
  h.set(HEADER_RECONCILED_FROM, String(row.seq));
  const ack = await jetstream(options.nc).publish(row.streamSubject, body, {
    msgID: event.id,
    headers: h,
    expect: { lastSubjectSequence: head?.seq ?? 0, streamName: options.stream },
  });
  report.appended.push({ id: row.id, streamSubject: row.streamSubject, archiveSeq: row.seq, seq: ack.seq });
}
