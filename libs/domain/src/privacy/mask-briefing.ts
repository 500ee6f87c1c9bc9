import type { Briefing } from '@hub/contracts';
import { maskEntityKey, maskPersonalData } from './mask.js';

/**
 * The briefing as it may leave the hub: cluster keys masked by kind, phone numbers in referral reasons
 * and annex remarks masked. Everything else (unit names, case and decision numbers, amounts) is public
 * record or the hub's own ids. Pure.
 */
export function maskBriefing(briefing: Briefing): Briefing {
  return {
    ...briefing,
    overdue: {
      ...briefing.overdue,
      byDepartment: briefing.overdue.byDepartment.map((group) => ({
        ...group,
        items: group.items.map((item) => ({ ...item, reason: item.reason === null ? null : maskPersonalData(item.reason) })),
      })),
    },
    newClusters: briefing.newClusters.map((cluster) => ({ ...cluster, keys: cluster.keys.map(maskEntityKey) })),
    annex: { ...briefing.annex, rows: briefing.annex.rows.map((row) => ({ ...row, remark: maskPersonalData(row.remark) })) },
  };
}
