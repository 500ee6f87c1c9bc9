import type { DrawTarget } from './draw-algorithm.js';

/** What a draw's target filter looks at of one register entry (经营者名录), as the register's fold has it. */
export interface RegisterEntry {
  unit: string;
  operatorId: string;
  region: string;
  kind: string;
  displayStatus: string;
  uscc: string | null;
}

/** The target filter over the register: the drawing unit's region, optionally one kind and one display status. */
export interface DrawFilter {
  region: string;
  kind?: string;
  status?: string;
}

export const operatorRefOf = (entry: Pick<RegisterEntry, 'unit' | 'operatorId'>): string => `${entry.unit}/operator/${entry.operatorId}`;

/**
 * The targets a filter selects from register entries: the snapshot a draw commits to. The gateway applies it
 * to the `operators` read model, the verifiers to the register folded from the log, so both agree by construction.
 */
export function registerTargets(entries: Iterable<RegisterEntry>, filter: DrawFilter): DrawTarget[] {
  const targets: DrawTarget[] = [];
  for (const e of entries) {
    if (e.region !== filter.region) continue;
    if (filter.kind !== undefined && e.kind !== filter.kind) continue;
    if (filter.status !== undefined && e.displayStatus !== filter.status) continue;
    targets.push(e.uscc === null ? { operator: operatorRefOf(e) } : { operator: operatorRefOf(e), uscc: e.uscc });
  }
  return targets;
}

/** A person's name for the publication (公示): the surname kept, the rest masked — 张伟 → 张*, 阿依古丽 → 阿***. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
