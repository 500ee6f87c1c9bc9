import type { JetStreamClient } from '@nats-io/jetstream';
import pg from 'pg';
import {
  ALL_EVENT_SUBJECTS,
  ChainVerifier,
  HubError,
  planReplay,
  type ReplayQuery,
  archivedDuringPass,
  compareCopies,
  hashEvent,
  judgeSealRoot,
  SealLedger,
  type SealRootCheck,
  type Finding,
  type FindingCode,
  type KeyRegistry,
  type PassBounds,
  type ReplayPlan,
} from '@hub/domain';
import { archivedEnvelope, AuditStreamRepository, CheckpointRepository, EventArchiveRepository, readModelClientConfig, sqlOf, type StreamEventRef } from '@hub/persistence';
import { readLog } from './log-reader.js';
import { CheckPool } from './check-pool.js';
import { placesOfMessages, placesOfRange, type BatchPlaces, type ReaderConnection } from './range-read.js';
import { judgeFilteredSeals } from './filtered-seals.js';
import { eventAt, FIRST_OF_AGGREGATE, HEX_HASHES, MessageKind, type CheckedBatch, type SealJob } from './message-check.js';

export interface VerifyLogOptions {
  js: JetStreamClient;
  stream: string;
  plan: ReplayPlan;
  registry: KeyRegistry;
  /** Worker threads for signatures; 0 checks inline. */
  workers: number;
  /**
   * How the worker threads connect to NATS themselves: given (and workers > 0), a pass over every subject has
   * them read sequence ranges of the stream, so no message body passes through this thread.
   */
  reader?: ReaderConnection;
  /** Compare with the PostgreSQL archive (only for a whole-log pass). */
  databaseUrl?: string;
  /** Projector whose checkpoint says how far the archive is filled. */
  projectorName?: string;
  onFinding: (finding: Finding) => void;
  onProgress?: (seq: number, lastSeq: number) => void;
  signal?: AbortSignal;
  /**
   * Called after the pass has read the stream and before it compares the archive: a seam for tests that archive
   * rows while a pass runs. Not for production logic.
   */
  beforeArchiveComparison?: () => Promise<void>;
}

export interface VerifySummary {
  ok: boolean;
  events: number;
  aggregates: number;
  lastSeq: number;
  findings: number;
  /** Seals checked: every seal for a whole-log pass; for a filtered one, those covering its events. */
  seals: number;
  /** Events stored in the last minute before the pass whose seal had not been read yet (not findings). */
  awaitingSeal?: number;
  byCode: Partial<Record<FindingCode, number>>;
  /** `archivedDuringPass`: rows the projector stored while the pass ran, past what it read (left to the next pass). */
  archive?: { rows: number; archivedThrough: number; notYetArchived: number; archivedDuringPass: number };
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
 * One streaming pass over the log: parsing, hashes, subjects and old-style signatures on worker threads,
 * aggregate chains and batch seals (one signature each) here in stream order,
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
  // A pass over every subject to the end reads the seals with the events, in stream order; a filtered or
  // time-bounded one looks up the seals covering its events afterwards (judgeFilteredSeals): a seal of its
  // first events may lie before its start, a seal of its last after its end.
  const plan = options.plan;
  const withSeals = plan.filter === ALL_EVENT_SUBJECTS && plan.since === undefined && plan.until === undefined && plan.toSeq === undefined;
  const ledger = withSeals ? new SealLedger({ fromSeq: options.plan.fromSeq ?? 1, deferRoots: true }) : new SealLedger({ followChains: false });
  const readPlan = withSeals ? { ...options.plan, filter: '>' } : options.plan;
  const byRange = withSeals && options.reader !== undefined && options.workers > 0;
  const pool = new CheckPool(options.registry, options.workers, byRange ? options.reader : undefined);
  const compare = options.databaseUrl !== undefined && isWholeLog(options.plan);
  const client = compare ? new pg.Client(readModelClientConfig(options.databaseUrl ?? '', undefined, 'hub-audit')) : undefined;
  const projectorName = options.projectorName ?? 'projector';
  let lastSeq = 0;
  let archive: VerifySummary['archive'];
  let awaitingSeal: number | undefined;
  try {
    let archiveRefs: AuditStreamRepository | undefined;
    let archivedAtStart = 0;
    if (client) {
      await client.connect();
      archiveRefs = new AuditStreamRepository(sqlOf(client));
      await archiveRefs.create();
      // Before anything of the stream is read (its end is fixed below): a row archived before this point is at or
      // below this checkpoint, so only rows past it and past the stream read can be ones archived during the pass.
      archivedAtStart = await startCheckpoint(client, projectorName);
    }
    let copying: Promise<void> = Promise.resolve();
    // Each batch's seals (roots and signatures), checked on the workers while the pass goes on; awaited before it ends.
    const sealChecks: Promise<void>[] = [];
    const checkSeals = (roots: (SealRootCheck | undefined)[], jobs: SealJob[]): void => {
      const checked = pool.checkSeals(jobs).then((results) =>
        results.forEach((result, k) => {
          const root = roots[k];
          const mismatch = root && result.root !== undefined ? judgeSealRoot(root, result.root) : undefined;
          if (mismatch) report(mismatch);
          if (result.signatureFinding) report(result.signatureFinding);
        }),
      );
      // A dead worker fails the pass where these are awaited, not as an unhandled rejection before that.
      checked.catch(() => undefined);
      sealChecks.push(checked);
    };
    // Chains and seals are followed here, in stream order, as each batch's stateless checks come back.
    const settle = (places: BatchPlaces, checked: CheckedBatch): void => {
      for (const found of checked.findings) report(found);
      const refs: StreamEventRef[] = [];
      const sealRoots: (SealRootCheck | undefined)[] = [];
      const sealJobs: SealJob[] = [];
      const { kinds, bounds, text, hashes } = checked;
      for (let i = 0; i < places.subjects.length; i += 1) {
        const seq = places.seqs[i] as number;
        const streamSubject = places.subjects[i] as string;
        const storedAt = places.storedAt[i] as number;
        const kind = kinds[i] as number;
        if (kind === MessageKind.Seal) {
          const sealed = ledger.seal(seq, streamSubject, checked.seals.get(i), storedAt);
          for (const found of sealed.findings) report(found);
          const root = sealed.root;
          if (!root && !sealed.signature) continue;
          sealRoots.push(root);
          sealJobs.push({ ...(root ? { leaves: root.leaves } : {}), ...(sealed.signature ? { signature: sealed.signature } : {}) });
          continue;
        }
        if ((kind & 3) === MessageKind.Event && (kind & HEX_HASHES) !== 0) {
          // The common case, read off the columns: an event sealed by its batch, its hashes as bytes.
          const id = text.slice(bounds[3 * i], bounds[3 * i + 1]);
          for (const found of verifier.followHashed(seq, streamSubject, id, checked.versions[i] as number, (kind & FIRST_OF_AGGREGATE) !== 0, hashes, 64 * i)) report(found);
          ledger.eventWithLeaf(seq, streamSubject, id, checked.leaves, 32 * i, storedAt);
          if (archiveRefs) refs.push({ seq, originalSeq: places.reconciledFrom.get(i) ?? seq, id, streamSubject, hash: hexAt(hashes, 64 * i), sig: '' });
          continue;
        }
        const e = eventAt(checked, i);
        for (const found of verifier.follow(seq, streamSubject, e)) report(found);
        if (e === undefined) continue;
        if (e.sig === undefined) ledger.event(seq, streamSubject, e.id, e.hash, storedAt, e.leaves, e.leafAt);
        if (archiveRefs) refs.push({ seq, originalSeq: places.reconciledFrom.get(i) ?? seq, id: e.id, streamSubject, hash: e.hash, sig: e.sig ?? '' });
      }
      if (sealJobs.length > 0) checkSeals(sealRoots, sealJobs);
      if (archiveRefs && refs.length > 0) {
        const repository = archiveRefs;
        copying = copying.then(() => repository.add(refs));
      }
    };
    const inFlight: Promise<{ places: BatchPlaces; checked: CheckedBatch }>[] = [];
    const drain = async (keep: number): Promise<void> => {
      while (inFlight.length > keep) {
        const next = await (inFlight.shift() as (typeof inFlight)[number]);
        settle(next.places, next.checked);
      }
    };
    const ranges = byRange ? await seqRanges(options.js, options.stream, plan.fromSeq) : [];
    for (const [fromSeq, toSeq, streamLastSeq] of ranges) {
      if (options.signal?.aborted) break;
      inFlight.push(pool.checkRange({ stream: options.stream, fromSeq, toSeq, reconciled: compare }).then((range) => ({ places: placesOfRange(range), checked: range.checked })));
      await drain(Math.max(2, options.workers * 2));
      options.onProgress?.(toSeq, streamLastSeq);
      if (archiveRefs) await copying;
    }
    if (byRange) lastSeq = ranges.at(-1)?.[1] ?? 0;
    for await (const batch of byRange ? [] : readLog(options.js, {
      stream: options.stream,
      plan: readPlan,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      // Storage time for every message, reconciled copies included: their marker is a header anyone who may
      // publish can set, so exempting them would reopen backdating (a copy reconciled after a rotation is
      // flagged, and the auditor compares it with the archive).
      lastSeq = batch.at(-1)?.seq ?? lastSeq;
      const places = placesOfMessages(batch);
      inFlight.push(pool.check(batch).then((checked) => ({ places, checked })));
      // Keep a few batches in flight per worker, no more: the reader must not outrun the checks.
      await drain(Math.max(2, options.workers * 3));
      if (archiveRefs) await copying;
    }
    await drain(0);
    await Promise.all(sealChecks);
    await copying;
    if (!withSeals) await judgeFilteredSeals({ js: options.js, stream: options.stream, eventFilter: options.plan.filter, ledger, registry: options.registry, report });
    // Either way every seal after the pass's events was read: what still waits is unsealed (or young).
    const unsealed = ledger.finish(passStartedAt);
    for (const found of unsealed.findings) report(found);
    awaitingSeal = unsealed.awaitingSeal;
    if (archiveRefs && client) {
      await options.beforeArchiveComparison?.();
      archive = await compareArchive(archiveRefs, client, projectorName, { streamReadThrough: lastSeq, archivedAtStart }, report);
    }
  } finally {
    await pool.close();
    await client?.end().catch(() => undefined);
  }
  const stats = verifier.stats;
  return { ok: findings === 0, events: stats.events, aggregates: stats.aggregates, lastSeq, findings, seals: ledger.stats.seals, ...(awaitingSeal === undefined ? {} : { awaitingSeal }), byCode, ...(archive ? { archive } : {}) };
}

/** 32 bytes at `at` as lowercase hex. */
const hexAt = (bytes: Uint8Array, at: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + at, 32).toString('hex');

/**
 * Sequences a range pass reads, in ranges for the workers: [from, to, the stream's last seq] (as it was when the pass began).
 * 20,000 rather than 5,000: a quarter of the consumers to create and delete, and with PULL_BATCH's larger pulls
 * nats-server spent 0.1–0.6 s less CPU per million-event pass in each of three interleaved pairs (2026-12-07).
 */
const RANGE = 20_000;
async function seqRanges(js: JetStreamClient, stream: string, fromSeq: number | undefined): Promise<[number, number, number][]> {
  const { first_seq: first, last_seq: last } = (await (await js.jetstreamManager()).streams.info(stream)).state;
  const ranges: [number, number, number][] = [];
  for (let from = Math.max(first, fromSeq ?? 1, 1); from <= last; from += RANGE) ranges.push([from, Math.min(last, from + RANGE - 1), last]);
  return ranges;
}

async function compareArchive(
  refs: AuditStreamRepository,
  client: pg.Client,
  projectorName: string,
  read: Omit<PassBounds, 'archivedThrough'>,
  report: (finding: Finding) => void,
): Promise<NonNullable<VerifySummary['archive']>> {
  const archivedThrough = (await new CheckpointRepository(sqlOf(client)).position(projectorName)).lastSeq;
  const bounds: PassBounds = { ...read, archivedThrough };
  let rows = 0;
  let duringPass = 0;
  for await (const pairs of refs.pairs()) {
    for (const pair of pairs) {
      if (archivedDuringPass(pair.archived, pair.stream, bounds)) {
        duringPass += 1;
        continue;
      }
      if (pair.archived) rows += 1;
      const archived = pair.archived && { ...pair.archived, contentHash: hashEvent(archivedEnvelope(pair.archived)) };
      for (const found of compareCopies(archived, pair.stream, bounds)) report(found);
    }
  }
  return { rows, archivedThrough, notYetArchived: Math.max(0, read.streamReadThrough - archivedThrough), archivedDuringPass: duringPass };
}

/**
 * The projector's checkpoint as a pass starts. An archive with rows and no checkpoint of that name means the
 * projector runs under another name (HUB_PROJECTOR_CONSUMER): read as 0, every archive row past the stream's end
 * would count as archived during the pass, and a lost stream tail would go unreported.
 */
async function startCheckpoint(client: pg.Client, projectorName: string): Promise<number> {
  const sql = sqlOf(client);
  const checkpoint = await new CheckpointRepository(sql).find(projectorName);
  if (checkpoint !== undefined) return checkpoint;
  const archived = await new EventArchiveRepository(sql).lastSeq();
  if (archived > 0) {
    throw new HubError('SERVICE_UNAVAILABLE', `the archive holds events through seq ${archived} but has no projector checkpoint named '${projectorName}': give the auditing process the projector's HUB_PROJECTOR_CONSUMER`);
  }
  return 0;
}
