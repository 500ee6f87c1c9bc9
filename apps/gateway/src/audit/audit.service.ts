import { Inject, Injectable } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  HubError,
  NET_SWORD_2021,
  parseAnnexScope,
  planReplay,
  resolveAnnexWindow,
  type AnnexPeriod,
  type AnnexReport,
  type AnnexRow,
  type AnnexScope,
  type Finding,
  type KeyRegistry,
} from '@hub/domain';
import type { Principal } from '../auth/principal.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { boolParam, page, pageParams, replayQuery, stringParam, type RawQuery } from './audit-query.js';
import { loadKeyRegistry } from './key-registry-file.js';
import { replayLog } from './replay.js';
import { annexFromLog, statesFromLog, type LogSource, type TracedEvent } from './log-projections.js';
import { verifyLog, verifyPlan, type VerifySummary } from './log-verification.js';

/** Audit passes create consumers on a stream others are writing to: give the JetStream API time. */
const AUDIT_JETSTREAM = { timeout: 30_000 };

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
  ) {}

  private source(signal?: AbortSignal): LogSource {
    return { js: jetstream(this.nc, AUDIT_JETSTREAM), stream: this.config.stream, ...(signal ? { signal } : {}) };
  }

  /** Streams the matching events in stream order to `write` (one JSON line each). */
  async replay(principal: Principal, query: RawQuery, write: (chunk: string) => Promise<void>, signal?: AbortSignal): Promise<number> {
    auditorOnly(principal);
    const plan = planReplay(replayQuery(query));
    return replayLog(jetstream(this.nc, AUDIT_JETSTREAM), { stream: this.config.stream, plan, ...(signal ? { signal } : {}) }, write);
  }

  async verify(principal: Principal, query: RawQuery): Promise<VerifySummary & { total: number; limit: number; offset: number; items: Finding[] }> {
    auditorOnly(principal);
    const plan = verifyPlan(replayQuery(query));
    const paging = pageParams(query);
    const compareArchive = boolParam(query, 'archive') ?? true;
    const registry = await this.registry();
    const findings: Finding[] = [];
    const summary = await verifyLog({
      js: jetstream(this.nc, AUDIT_JETSTREAM),
      stream: this.config.stream,
      plan,
      registry,
      workers: this.config.auditWorkers ?? 0,
      ...(compareArchive && this.config.databaseUrl ? { databaseUrl: this.config.databaseUrl } : {}),
      onFinding: (found) => {
        if (findings.length < MAX_LISTED_FINDINGS) findings.push(found);
      },
    });
    findings.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    return { ...summary, ...page(findings, paging), total: summary.findings };
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
    const { scope, period } = annexParams(query);
    return { ...(await annexFromLog(this.source(), NET_SWORD_2021, scope, period)), source: 'log' };
  }

  /**
   * The events behind annex cells: for `row`, the cell and every event that made it (paged); without it,
   * every row with the ids of its events.
   */
  async trace(principal: Principal, query: RawQuery): Promise<unknown> {
    auditorOnly(principal);
    const { scope, period } = annexParams(query);
    const rowId = stringParam(query, 'row');
    if (rowId !== undefined && !NET_SWORD_2021.rows.some((row) => row.id === rowId)) {
      throw new HubError('VALIDATION_FAILED', 'invalid query parameter row', { fields: [{ path: 'row', message: `no annex row ${JSON.stringify(rowId)} in ${NET_SWORD_2021.id}` }] });
    }
    const paging = pageParams(query);
    const traced = new Map<string, TracedEvent[]>();
    const report = await annexFromLog(this.source(), NET_SWORD_2021, scope, period, (item) => {
      if (rowId !== undefined && item.rowId !== rowId) return;
      const list = traced.get(item.rowId) ?? [];
      list.push(item);
      traced.set(item.rowId, list);
    });
    const meta = { campaign: report.campaign, scope: report.scope, ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}), ...(period.asOf ? { asOf: period.asOf } : {}) };
    if (rowId !== undefined) {
      const row = report.rows.find((r) => r.id === rowId) as AnnexRow;
      return { ...meta, row, ...page(traced.get(rowId) ?? [], paging) };
    }
    return {
      ...meta,
      rows: report.rows.map((row) => ({ ...row, events: (traced.get(row.id) ?? []).map((item) => ({ seq: item.seq, eventId: item.eventId, amount: item.amount })) })),
    };
  }

  /** Referral (or case) states as the projector would have had them at `asOf` (default: now). */
  async states(principal: Principal, kind: 'referrals' | 'cases', query: RawQuery): Promise<unknown> {
    auditorOnly(principal);
    const asOfText = stringParam(query, 'asOf');
    const window = asOfText === undefined ? undefined : resolveAnnexWindow(NET_SWORD_2021, { asOf: asOfText });
    const paging = pageParams(query);
    const states = await statesFromLog(this.source(), window?.asOf === undefined ? Infinity : Date.parse(window.asOf));
    const items: readonly unknown[] = kind === 'referrals' ? states.referrals : states.cases;
    return { ...(asOfText === undefined ? {} : { asOf: window?.asOf }), ...page(items, paging) };
  }
}

function annexParams(query: RawQuery): { scope: AnnexScope; period: AnnexPeriod } {
  const scope = parseAnnexScope(stringParam(query, 'scope') ?? 'all', NET_SWORD_2021.regionTableYear);
  const period: AnnexPeriod = {};
  for (const name of ['from', 'to', 'asOf'] as const) {
    const value = stringParam(query, name);
    if (value !== undefined) period[name] = value;
  }
  resolveAnnexWindow(NET_SWORD_2021, period); // 400 naming from/to/asOf before reading anything
  return { scope, period };
}

/** The audit API is the auditors': department units and coordinators are refused. */
function auditorOnly(principal: Principal): void {
  if (principal.kind !== 'auditor') throw new HubError('FORBIDDEN', `the audit API is for auditors; a ${principal.kind} token cannot use it`);
}
