import type { Briefing } from '../../domain/src/reporting/briefing.js';
import { departmentLabel } from './briefing-labels.js';

/** The briefing's actions table, one row per department: the same columns in the page, the HTML and the XLSX. */
export const ACTION_TOTALS_HEAD = ['部门', '行政指导（次）', '行政约谈（次）', '抽检记录（次）', '抽检批次', '不合格批次', '紧急关停请求（件）'] as const;

export function actionTotalsRows(actions: Briefing['actions']): (string | number)[][] {
  return actions.map((a) => [departmentLabel(a.department), a.guidance, a.interviews, a.samplings, a.batches, a.failed, a.closureRequests]);
}
