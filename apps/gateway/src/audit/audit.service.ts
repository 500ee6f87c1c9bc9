import { Inject, Injectable } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  HubError,
  planReplay,
  resolveAnnexWindow,
  resolveCampaign,
  type AnnexReport,
  type Finding,
  type KeyRegistry,
} from '@hub/domain';
import { EventArchiveRepository } from '@hub/persistence';
import type { AuditInclusionProof, AuditKeyRegistry, AuditVerifyAnswer, AuditVerifyLine } from '@hub/contracts';
import { ReadModels } from '../common/read-models.js';
import type { Principal } from '../auth/principal.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { boolParam, page, pageParams, replayQuery, stringParam, type RawQuery } from './audit-query.js';
import { annexFromLog, loadKeyRegistry, proveInclusion, replayLog, statesFromLog, statesOfCampaign, verifyLog, verifyPlan, type LogSource, type VerifySummary } from '@hub/audit';
import { AUDIT_JETSTREAM, AnnexTraceService, annexParams } from './annex-trace.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most findings one verify answer lists (all are counted). */
const MAX_LISTED_FINDINGS = 10_000;

/**
 * What auditors do, read-only, straight from the log (never from the read models they are checking):
 * replay, verification (hashes, signatures, chains, the archive), read models as of an instant, and
 * the events behind each annex cell.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(AnnexTraceService) private readonly traces: AnnexTraceService,
    @Inject(ReadModels) private readonly readModels: ReadModels,
  ) {}

  /** The event's inclusion proof and seal (DESIGN.md "Seals and checkpoints"), checkable offline with its department's key. */
  async proof(principal: Principal, query: RawQuery): Promise<AuditInclusionProof> {
    auditorOnly(principal);
    const target = proofTarget(query);
    if (target.seq !== undefined) {
      // By stream sequence: the finding MISSING_IN_ARCHIVE names an event the archive lacks, so its id finds nothing there.
      const proof = await proveInclusion(jetstream(this.nc, AUDIT_JETSTREAM), this.config.stream, target.seq);
      if (proof === undefined) throw new HubError('NOT_FOUND', `no sealed event at seq ${target.seq}: nothing stored there, not an event, signed on its own, or its seal is not stored yet`);
      return proof;
    }
    const seq = (await new EventArchiveRepository(await this.readModels.sql()).knownIds([target.eventId])).get(target.eventId.toLowerCase());
    if (seq === undefined) throw new HubError('NOT_FOUND', `no archived event ${target.eventId}`);
    const proof = await proveInclusion(jetstream(this.nc, AUDIT_JETSTREAM), this.config.stream, seq);
    if (proof === undefined) throw new HubError('NOT_FOUND', `event ${target.eventId} (seq ${seq}) has no seal: it is signed on its own, or its seal is not stored yet`);
    return proof;
  }

  private source(signal?: AbortSignal): LogSource {
    return this.traces.source(signal);
  }

  /** Streams the matching events in stream order to `write` (one JSON line each). */
  async replay(principal: Principal, query: RawQuery, write: (chunk: string) => Promise<void>, signal?: AbortSignal): Promise<number> {
    auditorOnly(principal);
    const plan = planReplay(replayQuery(query));
    return replayLog(jetstream(this.nc, AUDIT_JETSTREAM), { stream: this.config.stream, plan, ...(signal ? { signal } : {}) }, write);
  }

  /** One pass, its findings sorted by sequence and paged (the first {@link MAX_LISTED_FINDINGS} are listed; all are counted). */
  async verify(principal: Principal, query: RawQuery): Promise<AuditVerifyAnswer> {
    auditorOnly(principal);
    const paging = pageParams(query);
    const findings: Finding[] = [];
    const summary = await this.pass(query, {
      finding: (found) => {
        if (findings.length < MAX_LISTED_FINDINGS) findings.push(found);
      },
    });
    findings.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    return { ...summary, ...page(findings, paging), total: summary.findings };
  }

  /**
   * The same pass, streamed as JSON Lines (AuditVerifyLine): its progress as it reads, each finding as it is found (the
   * first {@link MAX_LISTED_FINDINGS}), its summary last. A whole-log pass over a big store takes many seconds; the
   * web UI shows how far it has got. The client going away (`signal`) stops the pass, and no summary is written.
   */
  async verifyStream(principal: Principal, query: RawQuery, write: (chunk: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
    auditorOnly(principal);
    let listed = 0;
    // Lines are written in order, one after the other (the pass's callbacks do not wait for the socket).
    let writing = Promise.resolve();
    const emit = (line: AuditVerifyLine): void => {
      writing = writing.then(() => write(`${JSON.stringify(line)}\n`));
      writing.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    };
    const summary = await this.pass(query, {
      finding: (found) => {
        if (listed >= MAX_LISTED_FINDINGS) return;
        listed += 1;
        emit({ kind: 'finding', ...found });
      },
      progress: (seq, lastSeq) => emit({ kind: 'progress', seq, lastSeq }),
      ...(signal ? { signal } : {}),
    });
    if (!signal?.aborted) emit({ kind: 'summary', ...summary, listed });
    await writing;
  }

  /** The registry signatures are verified against, so an auditor can check a seal's signature with the right key. */
  async keys(principal: Principal): Promise<AuditKeyRegistry> {
    auditorOnly(principal);
    return { keys: (await this.registry()).keys };
  }

  /** Checks the query (filters, `archive`) and the registry before anything is read, then runs one verification pass. */
  private async pass(query: RawQuery, on: { finding: (found: Finding) => void; progress?: (seq: number, lastSeq: number) => void; signal?: AbortSignal }): Promise<VerifySummary> {
    const plan = verifyPlan(replayQuery(query));
    const compareArchive = boolParam(query, 'archive') ?? true;
    const registry = await this.registry();
    return verifyLog({
      js: jetstream(this.nc, AUDIT_JETSTREAM),
      stream: this.config.stream,
      plan,
      registry,
      workers: this.config.auditWorkers ?? 0,
      // The workers read the stream themselves, as this gateway (its user, its inbox prefix).
      reader: { url: this.config.natsUrl, ...(this.config.natsSeed ? { seed: this.config.natsSeed } : {}), ...(this.config.inboxPrefix ? { inboxPrefix: this.config.inboxPrefix } : {}) },
      ...(compareArchive && this.config.databaseUrl ? { databaseUrl: this.config.databaseUrl } : {}),
      ...(this.config.projectorName ? { projectorName: this.config.projectorName } : {}),
      onFinding: on.finding,
      ...(on.progress ? { onProgress: on.progress } : {}),
      ...(on.signal ? { signal: on.signal } : {}),
    });
  }

  private async registry(): Promise<KeyRegistry> {
    const file = this.config.keyRegistryFile;
    if (!file) throw new HubError('SERVICE_UNAVAILABLE', 'no key registry configured (HUB_KEY_REGISTRY): signatures cannot be verified');
    try {
      return await loadKeyRegistry(file);
    } catch (error) {
      throw new HubError('SERVICE_UNAVAILABLE', (error as Error).message);
    }
  }

  /** The annex recomputed from the log (not the read models) for a scope and period. */
  async annex(principal: Principal, query: RawQuery): Promise<AnnexReport & { source: 'log' }> {
    auditorOnly(principal);
    const { scope, period, campaign } = annexParams(query);
    return { ...(await annexFromLog(this.source(), campaign, scope, period)), source: 'log' };
  }

  /** The events behind annex cells (see AnnexTraceService), for auditors, any scope. */
  async trace(principal: Principal, query: RawQuery): Promise<unknown> {
    auditorOnly(principal);
    return this.traces.trace(query);
  }

  /**
   * Referral (or case) states of one campaign (`campaign`, default the current one) as the projector would have
   * had them at `asOf` (default: now; a local date means the end of that day in the campaign's zone).
   */
  async states(principal: Principal, kind: 'referrals' | 'cases', query: RawQuery): Promise<unknown> {
    auditorOnly(principal);
    const definition = resolveCampaign(stringParam(query, 'campaign'));
    const asOfText = stringParam(query, 'asOf');
    const window = asOfText === undefined ? undefined : resolveAnnexWindow(definition, { asOf: asOfText });
    const paging = pageParams(query);
    const states = statesOfCampaign(await statesFromLog(this.source(), window?.asOf === undefined ? Infinity : Date.parse(window.asOf)), definition);
    const items: readonly unknown[] = kind === 'referrals' ? states.referrals : states.cases;
    return { campaign: definition.id, ...(asOfText === undefined ? {} : { asOf: window?.asOf }), ...page(items, paging) };
  }
}

/** The audit API is the auditors': department units and coordinators are refused. */
function auditorOnly(principal: Principal): void {
  if (principal.kind !== 'auditor') throw new HubError('FORBIDDEN', `the audit API is for auditors; a ${principal.kind} token cannot use it`);
}

/** The proof's event, by id (found through the archive) or by stream sequence (found in the stream): exactly one. */
function proofTarget(query: RawQuery): { eventId: string; seq?: undefined } | { seq: number; eventId?: undefined } {
  const eventId = stringParam(query, 'eventId');
  const seq = stringParam(query, 'seq');
  if (eventId !== undefined && seq !== undefined) {
    throw new HubError('VALIDATION_FAILED', 'give eventId or seq, not both', { fields: [{ path: 'seq', message: 'give eventId or seq, not both' }] });
  }
  if (seq !== undefined) {
    if (!/^[1-9][0-9]{0,14}$/.test(seq)) throw new HubError('VALIDATION_FAILED', 'invalid query parameter seq', { fields: [{ path: 'seq', message: 'must be a stream sequence (a whole number from 1)' }] });
    return { seq: Number(seq) };
  }
  if (eventId === undefined || !UUID.test(eventId)) {
    throw new HubError('VALIDATION_FAILED', 'invalid query parameter eventId', { fields: [{ path: 'eventId', message: 'must be the UUID of a stored event (or give seq)' }] });
  }
  return { eventId };
}
