import type { JetStreamClient } from '@nats-io/jetstream';
import {
  ALL_EVENT_SUBJECTS,
  campaignSpan,
  inCampaignSpan,
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
import { decodeMessage } from '@hub/persistence';
import { CASES_MODEL, REFERRALS_MODEL, type CaseState, type ReferralState, type StateModel } from '@hub/read-models';
import type { TracedEvent } from '@hub/contracts';
import { parseBody } from './log-message.js';
import { readLog } from './log-reader.js';

/**
 * Read models rebuilt from the log as it was known at an instant, with the very functions the projector
 * uses (annexContributions through AnnexLogFold; the projector's decodeMessage and its READ_MODELS'
 * keyOf/evolve): what auditors set against the live read models.
 */

export interface LogSource {
  js: JetStreamClient;
  stream: string;
  onProgress?: (seq: number, lastSeq: number) => void;
  signal?: AbortSignal;
  /** Read no further than this stream sequence (a filing's figures at its checkpoint). */
  toSeq?: number;
}

/** The subject filter that covers a scope: a unit's, a region's or a department line's events only. */
function scopeFilter(scope: AnnexScope): string {
  if (scope.kind === 'all') return ALL_EVENT_SUBJECTS;
  if (scope.kind === 'region') return planReplay({ region: scope.region }).filter;
  if (scope.kind === 'line') return planReplay({ department: scope.department }).filter;
  const [department, region] = scope.unit.split('/');
  return planReplay({ ...(department ? { department } : {}), ...(region ? { region } : {}) }).filter;
}

/** One traced contribution: the event behind (part of) an annex cell — the API's contract (types only). */
export type { TracedEvent };

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
  plan: { filter, ...(source.toSeq === undefined ? {} : { toSeq: source.toSeq }) },
  batchSize: 5_000,
  ...(source.onProgress ? { onProgress: source.onProgress } : {}),
  ...(source.signal ? { signal: source.signal } : {}),
});

/** Referral and case states as the projector would have had them at `asOf` (epoch ms; Infinity for now). */
/** The folded states of one campaign: a case carries its campaign, a referral belongs to the campaign it was sent in. */
export function statesOfCampaign(states: { referrals: ReferralState[]; cases: CaseState[] }, campaign: CampaignDefinition): { referrals: ReferralState[]; cases: CaseState[] } {
  const span = campaignSpan(campaign);
  return { referrals: states.referrals.filter((r) => inCampaignSpan(r.sentAt, span)), cases: states.cases.filter((c) => c.campaign === campaign.id) };
}

export async function statesFromLog(source: LogSource, asOf: number): Promise<{ referrals: ReferralState[]; cases: CaseState[] }> {
  const models: readonly StateModel[] = [REFERRALS_MODEL, CASES_MODEL];
  const states = models.map(() => new Map<string, unknown>());
  for await (const batch of readLog(source.js, logOptions(source, ALL_EVENT_SUBJECTS))) {
    for (const message of batch) {
      const decoded = decodeMessage({ seq: message.seq, subject: message.streamSubject, data: message.data });
      if (!decoded.ok) continue;
      const e = decoded.event;
      if (Date.parse(e.event.recordedAt) > asOf) continue;
      models.forEach((model, i) => {
        const key = model.keyOf(e);
        const folded = states[i] as Map<string, unknown>;
        if (key !== undefined) folded.set(key, model.evolve(folded.get(key), e));
      });
    }
  }
  const [referrals, cases] = states.map((folded) => [...folded.values()]);
  return { referrals: (referrals ?? []) as ReferralState[], cases: (cases ?? []) as CaseState[] };
}
