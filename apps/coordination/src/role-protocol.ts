// An admin's grant or revocation of a role, as the gateway asks for it over NATS request/reply
// (`hub.coord.people.role`): the coordination service holds the joint office's key and alone publishes
// role.granted / role.revoked, so who may do what is in the signed log like every other joint decision.
import { deterministicEventId, isUuid, validateEvent } from '@hub/domain';

export type RoleCommand = { type: 'role.granted' | 'role.revoked'; accountId: string; role: string; scope?: string; by: string; reason: string; requestId: string };
export type RoleEvent = { id: string; type: string; subject: string; time: string; data: Record<string, unknown>; seq: number };
export type RoleReply = { ok: true; duplicate: boolean; event: RoleEvent } | { ok: false; error: { code: 'BAD_COMMAND' | 'UNAVAILABLE' | 'CONFLICT'; message: string } };

/** The request, checked against the catalogue's role.granted / role.revoked rules, or the reply refusing it. */
export function parseRoleRequest(data: Uint8Array, now: Date): { ok: true; command: RoleCommand; event: Omit<RoleEvent, 'seq'> } | { ok: false; reply: RoleReply } {
  const bad = (message: string) => ({ ok: false as const, reply: { ok: false as const, error: { code: 'BAD_COMMAND' as const, message } } });
  let body: Record<string, unknown>;
  try {
    body = (JSON.parse(new TextDecoder().decode(data)) ?? {}) as Record<string, unknown>;
  } catch {
    return bad('the request is not JSON');
  }
  const { type, accountId, role, scope, by, reason, requestId } = body;
  if (type !== 'role.granted' && type !== 'role.revoked') return bad('type must be role.granted or role.revoked');
  if (!isUuid(requestId)) return bad('requestId must be a UUID');
  const payload = { accountId, role, ...(scope === undefined || scope === null ? {} : { scope }), by, reason };
  // Retries with the same request id land on the same event id (the pipeline answers them as duplicates).
  const event = { id: deterministicEventId(`people.role/${requestId.toLowerCase()}`), type, subject: `account/${String(accountId)}`, time: now.toISOString(), data: payload };
  const checked = validateEvent(event, 'joint');
  if (!checked.ok) return bad(checked.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  return { ok: true, command: { type, ...(payload as Omit<RoleCommand, 'type' | 'requestId'>), requestId }, event };
}
