// Cluster ids are derived from a member reference, never random, so replaying the same log gives
// the same ids (and the same cluster event ids). The readable form keeps the seed visible to
// coordinators: samr/653100/lead/L-1 → samr-653100-lead-L-1 (see qualifiedAggregateId).
import { qualifiedAggregateId, refOfQualifiedId } from '../../events/subject.js';

export function clusterIdFor(memberRef: string): string {
  return qualifiedAggregateId(memberRef);
}

/** The member reference a readable cluster id was derived from; undefined for hashed ids. */
export function seedRefOf(clusterId: string): string | undefined {
  return refOfQualifiedId(clusterId);
}
