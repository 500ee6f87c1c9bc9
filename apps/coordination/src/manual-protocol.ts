// The link/unlink request a coordinator's HTTP call becomes: NATS request/reply on a subject outside
// the event stream (`hub.coord.>`), answered by the coordination service, which alone may publish the
// joint office's cluster.linked / cluster.unlinked.
import { isActor, isUuid } from '@hub/domain';
import type { ManualCommand, ManualReply } from './coordination-loop.js';

export function parseManualRequest(data: Uint8Array): { ok: true; command: ManualCommand } | { ok: false; reply: ManualReply } {
  const bad = (message: string) => ({ ok: false as const, reply: { ok: false as const, error: { code: 'BAD_COMMAND' as const, message } } });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return bad('the request is not JSON');
  }
  const { action, clusterId, members, reason, requestId, by } = (body ?? {}) as Record<string, unknown>;
  if (action !== 'link' && action !== 'unlink') return bad('action must be link or unlink');
  if (typeof clusterId !== 'string' || !Array.isArray(members) || !members.every((m) => typeof m === 'string') || typeof reason !== 'string') {
    return bad('clusterId, members[] and reason are required');
  }
  if (requestId !== undefined && !isUuid(requestId)) return bad('requestId must be a UUID');
  if (by !== undefined && !isActor(by)) return bad('by must be account:<id>, key:<id> or system:<name>');
  return { ok: true, command: { action, clusterId, members: members, reason, ...(requestId === undefined ? {} : { requestId }), ...(by === undefined ? {} : { by }) } };
}
