// One consumed batch's growths of a cluster as one cluster.grown. Under single-event requests every lead of a
// busy cluster grew it by one member, and each cluster.grown was a second stored event per request (an append
// waiting for the previous one on the cluster's subject, its seal, its delivery to every consumer, its rows), so
// the coordination service holds a batch's growths and publishes, per cluster, one event with all the members the
// batch added (chunks of MAX_CLUSTER_MEMBERS), the keys that matched them (first seen first, capped as the engine
// caps them) and the cluster's flags after the last growth.
//
// Where it goes: at the last growth it holds, so no other conclusion about its members can come after it (a member
// announced in a cluster leaves it only when its cluster is absorbed, and an absorbed cluster grows no more). A
// manual decision is another matter: the caller takes the held growths before it, so that growths are never merged
// across a decision on their cluster. cluster.formed is never held: what formed a cluster stays its own event.
//
// Keys: the first chunk takes the key of the first growth it holds (the engine's, named after the first member it
// announces: see CorrelationEngine.grownKey), the next ones that key and their index. Neither depends on where
// the batch began or ended, so a restart that consumes the log in other batches names no other event alike.
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
  readonly key: string;
  readonly subject: string;
  readonly members: string[];
  readonly keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
  time: string;
}

export class BatchedGrowths {
  /** By cluster id, in the order of each cluster's last growth (a growth moves its cluster to the end). */
  private readonly held = new Map<string, Held>();

  get size(): number {
    return this.held.size;
  }

  /** A growth the engine concluded on a record recorded at `time`. */
  add(finding: GrownFinding, time: string): void {
    const { clusterId, members, keys, crossRegion, crossDepartment } = finding.data;
    let held = this.held.get(clusterId);
    if (held === undefined) {
      held = { key: finding.key, subject: finding.subject, members: [], keys: [], crossRegion, crossDepartment, time };
    } else {
      this.held.delete(clusterId);
      Object.assign(held, { crossRegion, crossDepartment, time });
    }
    this.held.set(clusterId, held);
    held.members.push(...members);
    // A handful of keys at most (LIMITS.entities): a linear look-up beats a Set per cluster.
    for (const key of keys) if (held.keys.length < LIMITS.entities && !held.keys.includes(key)) held.keys.push(key);
  }

  /** The held growths as events, one per cluster (more past MAX_CLUSTER_MEMBERS), in the order they go; holds nothing after. */
  take(): BatchedGrowth[] {
    const out: BatchedGrowth[] = [];
    for (const [clusterId, held] of this.held) {
      for (let start = 0; start < held.members.length; start += MAX_CLUSTER_MEMBERS) {
        const key = start === 0 ? held.key : `${held.key}/${start / MAX_CLUSTER_MEMBERS}`;
        const data: ClusterGrownData = {
          clusterId,
          crossRegion: held.crossRegion,
          crossDepartment: held.crossDepartment,
          members: held.members.slice(start, start + MAX_CLUSTER_MEMBERS),
          keys: [...held.keys],
        };
        out.push({ finding: { id: deterministicEventId(key), key, type: 'cluster.grown', subject: held.subject, data }, time: held.time });
      }
    }
    this.held.clear();
    return out;
  }
}
