// A draw re-checked from log events, wherever they were read: the gateway passes archived events, the CLI events
// read from the stream. Both fold the register with the read model's own `evolveOperator` and judge with the
// domain's `verifyDraw`, so the API and `npm run hub -- draws verify` answer alike by construction.
import {
  drawListsAt,
  inspectorsOf,
  keyValidAt,
  registerTargets,
  revealSubjectOf,
  verifyDraw,
  verifySignature,
  type DrawCommittedFacts,
  type DrawRevealedFacts,
  type DrawVerification,
  type HubEvent,
  type KeyRegistry,
} from '@hub/domain';
import { evolveOperator, type OperatorState } from '@hub/read-models';

/** One logged event with its stream sequence. */
export interface LoggedEvent {
  seq: number;
  event: HubEvent;
}

/** `samr-653100-draw-D-1` → `samr/653100/draw/D-1` (the draw's unit and id); undefined when malformed. */
export function drawRefOfId(id: string): string | undefined {
  const match = /^([a-z_]+)-(\d{6})-draw-([A-Za-z0-9_-]{1,128})$/.exec(id);
  return match ? `${match[1]}/${match[2]}/draw/${match[3]}` : undefined;
}

export const drawIdOfRef = (drawRef: string): string => revealSubjectOf(drawRef).slice('draw/'.length);

/** The register as of `uptoSeq`, folded from operator events (any order; only those at or before it count). */
export function registerAsOf(operatorEvents: readonly LoggedEvent[], uptoSeq: number): OperatorState[] {
  const entries = new Map<string, OperatorState>();
  for (const { seq, event } of [...operatorEvents].sort((a, b) => a.seq - b.seq)) {
    if (seq > uptoSeq) break;
    const [department = '', region = ''] = event.source.split('/');
    const aggregateId = event.subject.slice(event.subject.indexOf('/') + 1);
    const key = `${event.source}/${aggregateId}`;
    const positioned = { seq, streamSubject: '', event, unit: event.source, department, region, aggregateType: 'operator', aggregateId };
    entries.set(key, evolveOperator(entries.get(key), positioned));
  }
  return [...entries.values()];
}

export interface DrawLog {
  committed: LoggedEvent;
  revealed?: LoggedEvent;
  /** Every operator event up to the commit's registerSeq (more is fine: later ones are dropped). */
  operatorEvents: readonly LoggedEvent[];
}

/** verifyDraw over logged events; the joint office's key is the registry's as of the reveal's recordedAt. */
export function verifyLoggedDraw(log: DrawLog, registry: KeyRegistry): DrawVerification {
  const data = log.committed.event.data as unknown as DrawCommittedFacts;
  const register = registerAsOf(log.operatorEvents, data.registerSeq);
  const filter = { region: data.region, ...(data.kind ? { kind: data.kind } : {}), ...(data.status ? { status: data.status } : {}) };
  const revealedAt = log.revealed?.event.recordedAt ?? '';
  const key = keyValidAt(registry, 'joint', revealedAt);
  const { campaign, lists } = drawListsAt(log.committed.event.time);
  return verifyDraw({
    committed: { hash: log.committed.event.hash, data },
    ...(log.revealed ? { revealed: { data: log.revealed.event.data as unknown as DrawRevealedFacts } } : {}),
    registerTargets: registerTargets(register, filter),
    campaignInspectors: lists === undefined ? undefined : inspectorsOf(log.committed.event.source, lists),
    ...(campaign === undefined ? {} : { campaign }),
    jointSigned: (message, sig) => key !== undefined && verifySignature(key.publicKey, message, sig),
  });
}
