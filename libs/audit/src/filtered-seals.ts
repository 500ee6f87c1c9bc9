import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import {
  ALL_SEAL_SUBJECTS,
  checkSignature,
  departmentSealSubjects,
  isSealSubject,
  sealProblems,
  seqsOf,
  type BatchSeal,
  type Finding,
  type KeyRegistry,
  type SealLedger,
} from '@hub/domain';
import { parseBody } from './log-message.js';

/** A seal listing more than this is no batch the services write (HUB_MAX_BATCH is 10k): its events are not fetched. */
const MAX_SEAL_COUNT = 100_000;

export interface FilteredSealsOptions {
  js: JetStreamClient;
  stream: string;
  /** The pass's event filter: its department (when it names one) narrows the seals read. */
  eventFilter: string;
  /** Holds the pass's events that wait for a seal; each seal covering one is judged here. */
  ledger: SealLedger;
  registry: KeyRegistry;
  report: (finding: Finding) => void;
}

/** The seals a pass filtered on `eventFilter` may find its events in: its department's, or every seal. */
export function sealFilterFor(eventFilter: string): string {
  const department = eventFilter.split('.')[2];
  return department === undefined || department === '*' || department === '>' ? ALL_SEAL_SUBJECTS : departmentSealSubjects(department);
}

/**
 * The seal side of a filtered or time-bounded pass, which reads only some events (DESIGN.md "Seals and
 * checkpoints"): the seals stored after the first of them are read up to the stream's end, and each seal that
 * lists one of them is judged as a whole-log pass would — its signature and hash, its signer, and its root
 * recomputed over every event it lists (those outside the filter fetched by sequence), which is exactly
 * checking each event's inclusion path against the signed root. Chains are not followed (the pass skips
 * the seals between). Stops as soon as every event has its seal.
 */
export async function judgeFilteredSeals(options: FilteredSealsOptions): Promise<void> {
  const { js, stream, ledger } = options;
  const first = ledger.firstAwaiting();
  if (first === undefined) return;
  const jsm = await js.jetstreamManager();
  const lastSeq = (await jsm.streams.info(stream)).state.last_seq;
  const consumer = await js.consumers.get(stream, { filter_subjects: sealFilterFor(options.eventFilter), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: first + 1 });
  if ((await consumer.info(true)).num_pending === 0) {
    await consumer.delete().catch(() => undefined);
    return;
  }
  const messages = await consumer.consume({ max_messages: 256 });
  try {
    for await (const msg of messages) {
      const doc = parseBody(msg.data);
      const listed = listedSeqs(doc);
      if (listed.some((seq) => ledger.awaits(seq))) {
        for (const seq of listed) if (!ledger.awaits(seq)) await registerOutsideFilter(jsm, stream, seq, ledger);
        const storedAt = Math.floor(msg.info.timestampNanos / 1e6);
        const verdict = ledger.seal(msg.seq, msg.subject, doc, storedAt);
        for (const found of verdict.findings) options.report(found);
        const badSignature = verdict.signature && checkSignature(verdict.signature, options.registry);
        if (badSignature) options.report(badSignature);
      }
      if (ledger.stats.awaiting === 0 || msg.info.pending === 0 || msg.seq >= lastSeq) break;
    }
  } finally {
    await messages.close().catch(() => undefined);
  }
}

/** The sequences a well-formed seal lists; none for a malformed one (its events stay unsealed). */
function listedSeqs(doc: unknown): number[] {
  if (sealProblems(doc).length > 0) return [];
  const seal = doc as BatchSeal;
  return seal.count > MAX_SEAL_COUNT ? [] : seqsOf(seal.batch);
}

/**
 * A listed event the filter did not read joins the seal's leaves with its stored hash. What is no event
 * waiting for a seal (absent, a seal, signed on its own) is left out, and the seal names it (SEAL_COVERS_UNKNOWN).
 */
async function registerOutsideFilter(jsm: JetStreamManager, stream: string, seq: number, ledger: SealLedger): Promise<void> {
  const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
  if (!stored || isSealSubject(stored.subject)) return;
  const event = parseBody(stored.data) as { id?: unknown; hash?: unknown; sig?: unknown } | undefined;
  if (typeof event !== 'object' || event === null || event.sig !== undefined) return;
  ledger.event(seq, stored.subject, typeof event.id === 'string' ? event.id : '', typeof event.hash === 'string' ? event.hash : '');
}
