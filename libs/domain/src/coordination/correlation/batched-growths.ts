// One consumed batch's growths of a cluster as one cluster.grown. Under single-event requests every lead of a
// busy cluster grew it by one member, and each cluster.grown was a second stored event per request (an append
// waiting for the previous one on the cluster's subject, its seal, its delivery to every consumer, its rows), so
// the coordination service holds a batch's growths and publishes, per cluster, one event with all the members the
// batch added, every key that matched them (first seen first) and the cluster's flags after the last growth; one
// event more whenever one is full (MAX_CLUSTER_MEMBERS members or LIMITS.entities keys). Never a key dropped to a
// cap: which keys a cut would drop would depend on the batches, and the clusters read model shows them.
//
// Where it goes: at the last growth it holds, so no other conclusion about its members can come after it (a member
// announced in a cluster leaves it only when its cluster is absorbed, and an absorbed cluster grows no more). A
// manual decision is another matter: the caller takes the held growths before it, so that growths are never merged
// across a decision on their cluster. cluster.formed is never held: what formed a cluster stays its own event.
//
// Keys: an event takes the key of the first growth it holds (the engine's, named after the first member it
// announces: see CorrelationEngine.grownKey), which does not depend on where the batch began or ended, so a
// restart that consumes the log in other batches names no other event alike.
import { MAX_CLUSTER_MEMBERS, type ClusterGrownData } from '../../events/data/coordination.dto.js';
import { LIMITS } from '../../events/rules.js';
import { deterministicEventId } from '../event-ids.js';
import type { ClusterFinding } from './types.js';

type GrownFinding = Extract<ClusterFinding, { type: 'cluster.grown' }>;

/** A held growth's event, with the time of the record whose arrival concluded its last member. */
export interface BatchedGrowth {
  readonly finding: GrownFinding;
  readonly time: string;
}

interface Held {
  readonly clusterId: string;
  readonly key: string;
  readonly subject: string;
  readonly members: string[];
  readonly keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
  time: string;
  /** The count of growths added when its last one came: the event goes at that place. */
  last: number;
}

export class BatchedGrowths {
  /** By cluster id: the event each cluster's growths are gathering into. */
  private readonly held = new Map<string, Held>();
  /** Events that were full (members or keys) when their cluster grew again. */
  private readonly full: Held[] = [];
  private growths = 0;

  get size(): number {
    return this.held.size + this.full.length;
  }

  /**
   * A growth the engine concluded on a record recorded at `time`. An event is closed before a growth whose members
   * or new keys it cannot hold, and the growth starts the next one (named after it): every key a growth matched is
   * announced, so what the events say together does not depend on where batches began and ended.
   */
  add(finding: GrownFinding, time: string): void {
    const { clusterId, members, keys, crossRegion, crossDepartment } = finding.data;
    let held = this.held.get(clusterId);
    let fresh = newKeys(held?.keys ?? [], keys);
    if (held !== undefined && (held.members.length + members.length > MAX_CLUSTER_MEMBERS || held.keys.length + fresh.length > LIMITS.entities)) {
      this.full.push(held);
      held = undefined;
      fresh = newKeys([], keys);
    }
    if (held === undefined) {
      held = { clusterId, key: finding.key, subject: finding.subject, members: [], keys: [], crossRegion, crossDepartment, time, last: 0 };
      this.held.set(clusterId, held);
    }
    Object.assign(held, { crossRegion, crossDepartment, time, last: (this.growths += 1) });
    held.members.push(...members);
    held.keys.push(...fresh);
  }

  /** The held growths as events, each at the place of its last growth; holds nothing after. */
  take(): BatchedGrowth[] {
    const events = [...this.full, ...this.held.values()].sort((a, b) => a.last - b.last);
    this.full.length = 0;
    this.held.clear();
    return events.map((held) => {
      const data: ClusterGrownData = { clusterId: held.clusterId, crossRegion: held.crossRegion, crossDepartment: held.crossDepartment, members: held.members, keys: held.keys };
      return { finding: { id: deterministicEventId(held.key), key: held.key, type: 'cluster.grown', subject: held.subject, data }, time: held.time };
    });
  }
}

/** The keys of a growth not among `named` yet, each once, first seen first. A handful at most (LIMITS.entities): a linear look-up beats a Set per cluster. */
function newKeys(named: readonly string[], keys: readonly string[]): string[] {
  const fresh: string[] = [];
  for (const key of keys) if (!named.includes(key) && !fresh.includes(key)) fresh.push(key);
  return fresh;
}
