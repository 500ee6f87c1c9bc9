import type { JetStreamClient } from '@nats-io/jetstream';
import pg from 'pg';
import {
  ALL_EVENT_SUBJECTS,
  ChainVerifier,
  HubError,
  planReplay,
  type ReplayQuery,
  compareCopies,
  hashEvent,
  isSealSubject,
  SealLedger,
  type Finding,
  type FindingCode,
  type KeyRegistry,
  type ReplayPlan,
  type SignatureJob,
} from '@hub/domain';
import { archivedEnvelope, AuditStreamRepository, CheckpointRepository, readModelClientConfig, sqlOf, type StreamEventRef } from '@hub/persistence';
import { parseBody, readLog } from './log-reader.js';
import { SignaturePool } from './signature-pool.js';

export interface VerifyLogOptions {
  js: JetStreamClient;
  stream: string;
  plan: ReplayPlan;
  registry: KeyRegistry;
  /** Worker threads for signatures; 0 checks inline. */
  workers: number;
  /** Compare with the PostgreSQL archive (only for a whole-log pass). */
  databaseUrl?: string;
  /** Projector whose checkpoint says how far the archive is filled. */
  projectorName?: string;
  onFinding: (finding: Finding) => void;
  onProgress?: (seq: number, lastSeq: number) => void;
  signal?: AbortSignal;
}

export interface VerifySummary {
  ok: boolean;
  events: number;
  aggregates: number;
  lastSeq: number;
  findings: number;
  /** Seals checked; absent for a filtered pass, which reads no seals (their events are not checked for one). */
  seals?: number;
  /** Events stored in the last minute before the pass whose seal had not been read yet (not findings). */
  awaitingSeal?: number;
  byCode: Partial<Record<FindingCode, number>>;
  archive?: { rows: number; archivedThrough: number; notYetArchived: number };
}

/** Verification checks whole aggregates (their chains), so it takes every filter but the event type. */
export function verifyPlan(query: ReplayQuery): ReplayPlan {
  if (query.type !== undefined) {
    throw new HubError('VALIDATION_FAILED', 'invalid query parameter type', {
      fields: [{ path: 'type', message: 'verify checks whole aggregate chains; filter by subject, aggregateType, department, region or range instead of type' }],
    });
  }
  return planReplay(query);
}

/** Whether a plan covers the whole log (only then is a stream/archive comparison meaningful). */
export const isWholeLog = (plan: ReplayPlan): boolean =>
  plan.filter === ALL_EVENT_SUBJECTS && plan.fromSeq === undefined && plan.toSeq === undefined && plan.since === undefined && plan.until === undefined && plan.type === undefined;

/**
 * One streaming pass over the log: hash, subject and chain checks here, signatures on worker threads,
 * and (for a whole-log pass with a database) what the stream held copied into a temporary table and
 * compared with the archive by PostgreSQL. Memory: the verifier's aggregate heads and a few batches.
 */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifySummary> {
  const byCode: Partial<Record<FindingCode, number>> = {};
  let findings = 0;
  const report = (found: Finding): void => {
    findings += 1;
    byCode[found.code] = (byCode[found.code] ?? 0) + 1;
    options.onFinding(found);
  };
  const partial = options.plan.fromSeq !== undefined || options.plan.since !== undefined;
  const verifier = new ChainVerifier({ partial });
  const passStartedAt = Date.now();
  // Seals are read with the events only when the pass covers every subject: a filtered pass cannot see them.
  const withSeals = options.plan.filter === ALL_EVENT_SUBJECTS;
  const ledger = withSeals ? new SealLedger(options.plan.fromSeq ?? 1) : undefined;
  const readPlan = withSeals ? { ...options.plan, filter: '>' } : options.plan;
  const pool = new SignaturePool(options.registry, options.workers);
  const compare = options.databaseUrl !== undefined && isWholeLog(options.plan);
  const client = compare ? new pg.Client(readModelClientConfig(options.databaseUrl ?? '', undefined, 'hub-audit')) : undefined;
  let lastSeq = 0;
  let archive: VerifySummary['archive'];
  let awaitingSeal: number | undefined;
  try {
    let archiveRefs: AuditStreamRepository | undefined;
    if (client) {
      await client.connect();
      archiveRefs = new AuditStreamRepository(sqlOf(client));
      await archiveRefs.create();
    }
    const signatures: Promise<Finding[]>[] = [];
    let copying: Promise<void> = Promise.resolve();
    const drainSignatures = async (keep: number): Promise<void> => {
      while (signatures.length > keep) for (const found of await (signatures.shift() as Promise<Finding[]>)) report(found);
    };
    for await (const batch of readLog(options.js, {
      stream: options.stream,
      plan: readPlan,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      const jobs: SignatureJob[] = [];
      const refs: StreamEventRef[] = [];
      for (const message of batch) {
        lastSeq = message.seq;
        // Storage time for every message, reconciled copies included: their marker is a header anyone who may
        // publish can set, so exempting them would reopen backdating (a copy reconciled after a rotation is
        // flagged, and the auditor compares it with the archive).
        if (isSealSubject(message.streamSubject)) {
          const sealed = ledger?.seal(message.seq, message.streamSubject, parseBody(message.data), message.storedAt);
          for (const found of sealed?.findings ?? []) report(found);
          if (sealed?.signature) jobs.push(sealed.signature);
          continue;
        }
        const check = verifier.check(message.seq, message.streamSubject, parseBody(message.data), message.storedAt);
        for (const found of check.findings) report(found);
        if (check.signature) jobs.push(check.signature);
        else if (check.event && ledger) ledger.event(message.seq, message.streamSubject, check.event.id, check.event.hash, message.storedAt);
        if (check.event && archiveRefs) {
          const e = check.event;
          refs.push({ seq: message.seq, originalSeq: message.reconciledFrom ?? message.seq, id: e.id, streamSubject: message.streamSubject, hash: e.hash, sig: e.sig ?? '' });
        }
      }
      signatures.push(pool.check(jobs));
      if (archiveRefs && refs.length > 0) {
        const repository = archiveRefs;
        copying = copying.then(() => repository.add(refs));
      }
      // Keep a few batches in flight per worker, no more: the reader must not outrun the checks.
      await drainSignatures(Math.max(2, options.workers * 3));
      if (archiveRefs) await copying;
    }
    await drainSignatures(0);
    await copying;
    // A pass with an upper bound stops before the seals of its last batches: only an open-ended one judges what is left.
    const openEnded = options.plan.toSeq === undefined && options.plan.until === undefined;
    const unsealed = ledger && openEnded ? ledger.finish(passStartedAt) : undefined;
    for (const found of unsealed?.findings ?? []) report(found);
    awaitingSeal = unsealed?.awaitingSeal;
    if (archiveRefs && client) archive = await compareArchive(archiveRefs, client, options.projectorName ?? 'projector', lastSeq, report);
  } finally {
    await pool.close();
    await client?.end().catch(() => undefined);
  }
  const stats = verifier.stats;
  const sealStats = ledger ? { seals: ledger.stats.seals, ...(awaitingSeal === undefined ? {} : { awaitingSeal }) } : {};
  return { ok: findings === 0, events: stats.events, aggregates: stats.aggregates, lastSeq, findings, ...sealStats, byCode, ...(archive ? { archive } : {}) };
}

async function compareArchive(
  refs: AuditStreamRepository,
  client: pg.Client,
  projectorName: string,
  lastSeq: number,
  report: (finding: Finding) => void,
): Promise<NonNullable<VerifySummary['archive']>> {
  const archivedThrough = (await new CheckpointRepository(sqlOf(client)).position(projectorName)).lastSeq;
  let rows = 0;
  for await (const pairs of refs.pairs()) {
    for (const pair of pairs) {
      if (pair.archived) rows += 1;
      const archived = pair.archived && { ...pair.archived, contentHash: hashEvent(archivedEnvelope(pair.archived)) };
      for (const found of compareCopies(archived, pair.stream, archivedThrough)) report(found);
    }
  }
  return { rows, archivedThrough, notYetArchived: Math.max(0, lastSeq - archivedThrough) };
}
