// Cluster ids are derived from a member reference, never random, so replaying the same log gives
// the same ids (and the same cluster event ids). The readable form keeps the seed visible to
// coordinators: samr/653100/lead/L-1 → samr-653100-lead-L-1. It is injective because department
// codes, region codes and aggregate types never contain '-', so the first three '-' are the
// separators. References too long for an aggregate id (128) fall back to a hash; 'h' is no
// department code, so the two forms cannot collide.
import { createHash } from 'node:crypto';
import { AGGREGATE_ID_PATTERN } from '../../events/subject.js';

const HASH_PREFIX = 'h-';

export function clusterIdFor(memberRef: string): string {
  const readable = memberRef.replaceAll('/', '-');
  if (AGGREGATE_ID_PATTERN.test(readable)) return readable;
  return `${HASH_PREFIX}${createHash('sha256').update(memberRef, 'utf8').digest('hex').slice(0, 40)}`;
}

/** The member reference a readable cluster id was derived from; undefined for hashed ids. */
export function seedRefOf(clusterId: string): string | undefined {
  if (clusterId.startsWith(HASH_PREFIX)) return undefined;
  const parts = clusterId.split('-');
  if (parts.length < 4) return undefined;
  const [department, region, type] = parts as [string, string, string];
  return `${department}/${region}/${type}/${parts.slice(3).join('-')}`;
}
