// A line supervisor's return of a unit's filing, as the gateway asks for it over NATS request/reply
// (`hub.coord.report.return`): the coordination service holds the joint office's key and alone publishes
// report.returned, so the return, its reason and who decided are in the signed log.
import { deterministicEventId, isUuid, qualifiedAggregateId, validateEvent, type HubEvent } from '@hub/domain';
import type { RoleEvent, RoleReply } from './role-protocol.js';

/** The request, checked against the catalogue's report.returned rules, or the reply refusing it. */
export function parseReturnRequest(data: Uint8Array, now: Date): { ok: true; event: Omit<RoleEvent, 'seq'> } | { ok: false; reply: RoleReply } {
  const bad = (message: string) => ({ ok: false as const, reply: { ok: false as const, error: { code: 'BAD_COMMAND' as const, message } } });
  let body: Record<string, unknown>;
  try {
    body = (JSON.parse(new TextDecoder().decode(data)) ?? {}) as Record<string, unknown>;
  } catch {
    return bad('the request is not JSON');
  }
  const { reportSubject, filedVersion, reason, by, requestId } = body;
  if (!isUuid(requestId)) return bad('requestId must be a UUID');
  if (typeof reportSubject !== 'string') return bad('reportSubject must be <dept>/<region>/report/<campaign>');
  // Retries with the same request id land on the same event id (the pipeline answers them as duplicates).
  const event = {
    id: deterministicEventId(`report.return/${requestId.toLowerCase()}`),
    type: 'report.returned',
    subject: `report/${qualifiedAggregateId(reportSubject)}`,
    time: now.toISOString(),
    data: { reportSubject, filedVersion, reason, by },
  };
  const checked = validateEvent(event, 'joint');
  if (!checked.ok) return bad(checked.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  return { ok: true, event };
}

/**
 * A filed version is returned once: a second return of the same (or an older) version, from whichever gateway
 * and however close in time, is refused; the unit's next filing may be returned again.
 */
export function refuseRepeatedReturn(filedVersion: unknown): (latest: HubEvent | undefined) => string | undefined {
  return (latest) => {
    const returned = Number(latest?.data['filedVersion']);
    if (latest === undefined || !Number.isFinite(returned) || returned < Number(filedVersion)) return undefined;
    return `the filing (version ${String(filedVersion)}) was already returned`;
  };
}
