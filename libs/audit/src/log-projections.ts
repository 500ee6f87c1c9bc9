import type { JetStreamClient } from '@nats-io/jetstream';
import {
  AnnexLogFold,
  envelopeProblems,
  planReplay,
  type AnnexContribution,
  type AnnexPeriod,
  type AnnexReport,
  type AnnexScope,
  type CampaignDefinition,
  type HubEvent,
} from '@hub/domain';
import { caseKeyOf, decodeMessage, evolveCase, evolveReferral, referralKeyOf, type CaseState, type ReferralState } from '@hub/persistence';
import { parseBody, readLog } from './log-reader.js';

/**
 * Read models rebuilt from the log as it was known at an instant, with the very functions the projector
 * uses (annexContributions through AnnexLogFold; the projector's decodeMessage, evolveReferral and
 * evolveCase): what auditors set against the live read models.
 */

export interface LogSource {
  js: JetStreamClient;
  stream: string;
  onProgress?: (seq: number, lastSeq: number) => void;
  signal?: AbortSignal;
}

/** The subject filter that covers a scope: a unit's or a region's events only. */
function scopeFilter(scope: AnnexScope): string {
  if (scope.kind === 'all') return 'hub.evt.>';
  if (scope.kind === 'region') return planReplay({ region: scope.region }).filter;
  const [department, region] = scope.unit.split('/');
  return planReplay({ ...(department ? { department } : {}), ...(region ? { region } : {}) }).filter;
}

/** One traced contribution: the event behind (part of) an annex cell. */
export interface TracedEvent {
  rowId: string;
  seq: number;
  eventId: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  recordedAt: string;
  amount: number;
  distinctKey?: string;
  otherCategories?: string[];
}

/**
 * The annex computed from the log for a scope and period (`asOf` filters on recordedAt). `trace` receives
 * every contribution that made a cell, with the event's stream sequence.
 */
export async function annexFromLog(
  source: LogSource,
  definition: CampaignDefinition,
  scope: AnnexScope,
  period: AnnexPeriod,
  trace?: (item: TracedEvent) => void,
): Promise<AnnexReport> {
  let seq = 0;
  const onCounted = trace
    ? (c: AnnexContribution, e: HubEvent): void =>
        trace({
          rowId: c.rowId,
          seq,
          eventId: e.id,
          type: e.type,
          source: e.source,
          subject: e.subject,
          time: e.time,
          recordedAt: e.recordedAt,
          amount: c.amount,
          ...(c.distinctKey === undefined ? {} : { distinctKey: c.distinctKey }),
          ...(c.otherCategories === undefined ? {} : { otherCategories: c.otherCategories }),
        })
    : undefined;
  const fold = new AnnexLogFold(definition, scope, period, onCounted);
  for await (const batch of readLog(source.js, logOptions(source, scopeFilter(scope)))) {
    for (const message of batch) {
      const doc = parseBody(message.data);
      if (envelopeProblems(doc).length > 0) continue; // verify reports corrupt messages; they count nowhere
      seq = message.seq;
      fold.add(doc as HubEvent);
    }
  }
  return fold.report();
}

const logOptions = (source: LogSource, filter: string) => ({
  stream: source.stream,
  plan: { filter },
  batchSize: 5_000,
  ...(source.onProgress ? { onProgress: source.onProgress } : {}),
  ...(source.signal ? { signal: source.signal } : {}),
});

/** Referral and case states as the projector would have had them at `asOf` (epoch ms; Infinity for now). */
export async function statesFromLog(source: LogSource, asOf: number): Promise<{ referrals: ReferralState[]; cases: CaseState[] }> {
  const referrals = new Map<string, ReferralState>();
  const cases = new Map<string, CaseState>();
  for await (const batch of readLog(source.js, logOptions(source, 'hub.evt.>'))) {
    for (const message of batch) {
      const decoded = decodeMessage({ seq: message.seq, subject: message.streamSubject, data: message.data });
      if (!decoded.ok) continue;
      const e = decoded.event;
      if (Date.parse(e.event.recordedAt) > asOf) continue;
      const caseKey = caseKeyOf(e);
      if (caseKey !== undefined) cases.set(caseKey, evolveCase(cases.get(caseKey), e));
      const referralKey = referralKeyOf(e);
      if (referralKey !== undefined) referrals.set(referralKey, evolveReferral(referrals.get(referralKey), e));
    }
  }
  return { referrals: [...referrals.values()], cases: [...cases.values()] };
}
