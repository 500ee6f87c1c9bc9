// A coordination log that exercises every part of the fold at once: the coordination scenario (clusters,
// referrals with answers, jurisdiction suggestions, a value carried past the over-correlation cap, hit alerts
// across days) woven with one unit flooding a value (counted once), a value carried past the cap by one record per unit, records carrying more keys than the
// per-record cap, closed leads, and coordinators' manual decisions — unlink a member, link two clusters,
// unlink by a key, vouch for an over-correlating value — decided on the state folded up to where they sit.
import type { CorrelationOptions } from '@hub/domain';
import { EventLog, type StoredEventFixture } from '../../libs/persistence/src/testing/event-log.js';
import { CoordinationState } from '../../apps/coordination/src/coordination-state.js';
import { JOINT_UNIT } from '../../apps/coordination/src/joint-publisher.js';
import { FoldStream } from './coordination-fold.js';
import { coordinationScenario } from './coordination-scenario.js';

export const HOT_VALUE = 'phone:13800138000';
/** Carried by one record in each of nine units and nothing else: the first six link, the rest wait for a coordinator to vouch. */
export const VOUCHED_VALUE = 'phone:13600136000';
const VOUCHING_UNITS = ['samr/650100', 'police/650200', 'cac/652300', 'nmpa/652900', 'forestry/653100', 'samr/653200', 'police/654000', 'cac/650100', 'nmpa/650200'];
const FLOOD_UNIT = 'samr/650100';
const FLOOD_PHONE = '13700137000';
const REASON = '经核查，与本串案无关联';

type Decide = (state: CoordinationState, formed: readonly string[]) => { type: string; subject: string; data: object } | undefined;

/** Clusters published so far whose id still names a cluster, latest first. */
function views(state: CoordinationState, formed: readonly string[]) {
  return [...formed].reverse().flatMap((id) => {
    const view = state.engine.cluster(id);
    return view?.published === true && view.clusterId === id ? [view] : [];
  });
}

const ok = <T extends { ok: boolean }>(decision: T): (T & { ok: true }) | undefined => (decision.ok ? (decision as T & { ok: true }) : undefined);

const DECISIONS: readonly { at: number; decide: Decide }[] = [
  {
    at: 0.4,
    decide: (state, formed) => {
      for (const view of views(state, formed).filter((v) => v.members.length >= 3)) {
        const decision = ok(state.engine.decideUnlink({ clusterId: view.clusterId, members: [view.members[view.members.length - 1] ?? ''], reason: REASON }));
        if (decision) return decision;
      }
      return undefined;
    },
  },
  {
    at: 0.55,
    decide: (state, formed) => {
      // The latest published cluster takes in the latest record outside it (another cluster, or a record on its own).
      const [target] = views(state, formed);
      if (target === undefined) return undefined;
      const outside = [...state.engine.snapshot().members].reverse().find(([member]) => state.engine.clusterOf(member)?.clusterId !== target.clusterId);
      if (outside === undefined) return undefined;
      return ok(state.engine.decideLink({ clusterId: target.clusterId, members: [outside[0]], reason: '同一经营者，人工串并' }));
    },
  },
  {
    at: 0.7,
    decide: (state, formed) => {
      for (const view of views(state, formed)) {
        for (const key of view.keys) {
          const decision = ok(state.engine.decideUnlink({ clusterId: view.clusterId, keys: [key], reason: REASON }));
          if (decision) return decision;
        }
      }
      return undefined;
    },
  },
  { at: 0.85, decide: (state) => ok(state.engine.decideLink({ keys: [VOUCHED_VALUE], reason: '该号码确为同一团伙使用' })) },
];

/** The woven log, `count` scenario events plus what is woven in (manual decisions as joint-office events). */
export function mixedCoordinationScenario(count: number, correlation: CorrelationOptions): StoredEventFixture[] {
  const base = coordinationScenario(count, { seed: 61, answers: true, hotValueCarriers: 20 });
  const extra = new EventLog();
  const reference = new FoldStream();
  const state = new CoordinationState({ members: [], manual: [], referrals: [], over: new Map() }, { correlation });
  const formed: string[] = [];
  const input: StoredEventFixture[] = [];
  const add = (fixture: StoredEventFixture): void => {
    input.push(fixture);
    const seq = reference.append(fixture);
    const changes = state.apply(reference.events.slice(seq - 1), seq);
    for (const row of changes.outbox) if (row.type === 'cluster.formed') formed.push(String(row.data['clusterId']));
  };
  const leads: { unit: string; subject: string }[] = [];
  let next = 0;
  base.forEach((fixture, i) => {
    add(fixture);
    const { event } = fixture;
    const time = event.time;
    if (event.type === 'lead.reported') leads.push({ unit: event.source, subject: event.subject });
    if (i % 50 === 10 && i < count / 2) {
      add(extra.append(FLOOD_UNIT, 'lead.reported', `lead/F-${i}`, { category: 'counterfeit', channel: 'monitoring', summary: '同一号码多条线索', entities: [{ kind: 'phone', value: FLOOD_PHONE }] }, { time }));
    }
    const vouching = VOUCHING_UNITS[(i - 30) / 60];
    if (vouching !== undefined) {
      add(extra.append(vouching, 'lead.reported', `lead/V-${i}`, { category: 'counterfeit', channel: 'tip', summary: '同一号码多地线索', entities: [{ kind: 'phone', value: VOUCHED_VALUE.slice('phone:'.length) }] }, { time }));
    }
    if (i % 97 === 5) {
      // More phones than the per-record key cap: the first ones link, the rest are kept and never link.
      const entities = [0, 1, 2, 3, 4].map((j) => ({ kind: 'phone', value: `139${(10_000_000 + ((i + j * 13) % 150) * 7_919).toString()}` }));
      add(extra.append('police/652900', 'lead.reported', `lead/K-${i}`, { category: 'prohibited_goods', channel: 'tip', summary: '多号码线索', entities }, { time }));
    }
    const closing = leads[leads.length - 3];
    if (i % 41 === 20 && closing !== undefined) add(extra.append(closing.unit, 'lead.closed', closing.subject, { outcome: 'no_violation', note: '核查无违法' }, { time }));
    const decision = DECISIONS[next];
    if (decision !== undefined && i >= decision.at * base.length) {
      const decided = decision.decide(state, formed);
      if (decided === undefined) throw new Error(`scenario: manual decision ${next} found nothing to decide at ${i}`);
      add(extra.append(JOINT_UNIT, decided.type, decided.subject, { ...decided.data }, { time }));
      next += 1;
    }
  });
  if (next < DECISIONS.length) throw new Error(`scenario: only ${next} of ${DECISIONS.length} manual decisions were made`);
  return input;
}
