import { Inject, Injectable } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  HubError,
  parseAnnexScope,
  resolveAnnexWindow,
  resolveCampaign,
  type AnnexPeriod,
  type AnnexRow,
  type AnnexScope,
  type CampaignDefinition,
} from '@hub/domain';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { page, pageParams, stringParam, type RawQuery } from './audit-query.js';
import type { AnnexTrace, AnnexTraceMeta, RowTrace } from '@hub/contracts';
import { traceAnnex, type LogSource } from '@hub/audit';

/** Audit passes create consumers on a stream others are writing to: give the JetStream API time. */
export const AUDIT_JETSTREAM = { timeout: 30_000 };

/** Who may trace which scope: called with the parsed scope before the log is read (throws to refuse). */
export type ScopeCheck = (scope: AnnexScope) => void;

export interface TraceOptions {
  /** The scope when the query names none. */
  defaultScope?: string;
  authorise?: ScopeCheck;
}

/** The answers are the API's contracts: one cell and its (paged) events, or every row with its event ids. */
export type { AnnexTrace, RowTrace };

/**
 * The events behind annex cells, recomputed from the log with the projector's own rules (AnnexLogFold):
 * for `row`, the cell and every event that made it; without it, every row with the ids of its events.
 * One implementation behind both the auditors' route and the annex readers' route; each decides who may
 * read which scope.
 */
@Injectable()
export class AnnexTraceService {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  source(signal?: AbortSignal): LogSource {
    return { js: jetstream(this.nc, AUDIT_JETSTREAM), stream: this.config.stream, ...(signal ? { signal } : {}) };
  }

  async trace(query: RawQuery, options: TraceOptions = {}): Promise<RowTrace | AnnexTrace> {
    const { scope, period, campaign } = annexParams(query, options.defaultScope);
    options.authorise?.(scope);
    const rowId = stringParam(query, 'row');
    const definition = rowId === undefined ? undefined : campaign.rows.find((row) => row.id === rowId);
    if (rowId !== undefined && definition === undefined) {
      throw new HubError('VALIDATION_FAILED', 'invalid query parameter row', { fields: [{ path: 'row', message: `no annex row ${JSON.stringify(rowId)} in ${campaign.id}` }] });
    }
    const paging = pageParams(query);
    const { report, eventsOf: traced } = await traceAnnex(this.source(), campaign, scope, period, rowId);
    const meta: AnnexTraceMeta = { campaign: report.campaign, scope: report.scope, ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}), ...(period.asOf ? { asOf: period.asOf } : {}) };
    if (rowId !== undefined && definition !== undefined) {
      const row = report.rows.find((r) => r.id === rowId) as AnnexRow;
      return { ...meta, row, measure: definition.rule.measure, scale: definition.rule.scale ?? 1, ...page(traced.get(rowId) ?? [], paging) };
    }
    return {
      ...meta,
      rows: report.rows.map((row) => ({ ...row, events: (traced.get(row.id) ?? []).map((item) => ({ seq: item.seq, eventId: item.eventId, amount: item.amount })) })),
    };
  }
}

/** campaign (default: the current one), scope (default `all`), from, to, asOf: checked (400 naming the parameter) before anything is read. */
export function annexParams(query: RawQuery, defaultScope = 'all'): { scope: AnnexScope; period: AnnexPeriod; campaign: CampaignDefinition } {
  const campaign = resolveCampaign(stringParam(query, 'campaign'));
  const scope = parseAnnexScope(stringParam(query, 'scope') ?? defaultScope, campaign.regionTableYear);
  const period: AnnexPeriod = {};
  for (const name of ['from', 'to', 'asOf'] as const) {
    const value = stringParam(query, name);
    if (value !== undefined) period[name] = value;
  }
  resolveAnnexWindow(campaign, period); // 400 naming from/to/asOf before reading anything
  return { scope, period, campaign };
}
