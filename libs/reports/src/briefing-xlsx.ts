// The joint-meeting briefing as a workbook: one sheet per section, for coordinators who keep working
// in spreadsheets. Pure function of a Briefing.
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import type { Briefing } from '../../domain/src/reporting/briefing.js';
import { ACTION_TOTALS_HEAD, actionTotalsRows } from './briefing-actions.js';
import { maskBriefing } from '../../domain/src/privacy/mask-briefing.js';
import { annexCellValue } from './annex-values.js';
import { neutraliseCell } from './spreadsheet-text.js';
import { beijingTime, caseKindLabel, categoryLabel, clockLabel, departmentLabel, NO_CHECKPOINT_TEXT, productLabel, unitLabel } from './briefing-labels.js';

export const BRIEFING_SHEETS = ['超期移送', '新增关联线索组', '典型案例', '情况统计表合计', '重点商品线索', '指导约谈抽检关停', '重要时间节点监测', '事件日志检查点'] as const;

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, head: string[], rows: (string | number | null)[][], widths: number[]): void {
  const ws = workbook.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, head.length);
  const header = ws.addRow(head);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } }));
  // Every text cell came from submitted events (reasons, case numbers, keys): never let one be a formula.
  for (const row of rows) ws.addRow(row.map(neutraliseCell));
  widths.forEach((width, index) => (ws.getColumn(index + 1).width = width));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

// Masked here too (idempotent): whoever calls the renderer, what leaves the hub carries no full phone numbers.
export async function renderBriefingXlsx(unmasked: Briefing): Promise<Buffer> {
  const briefing = maskBriefing(unmasked);
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '网剑行动数据共享平台';
  workbook.created = new Date(briefing.generatedAt);
  const asOf = beijingTime(briefing.asOf);
  sheet(
    workbook,
    BRIEFING_SHEETS[0],
    `移送协查超期情况（截至 ${asOf}，共 ${briefing.overdue.total} 件）`,
    ['接收部门', '移送编号', '移送单位', '接收单位', '移送事由', '超期环节', '应办结时间', '超期工作日'],
    briefing.overdue.byDepartment.flatMap((g) =>
      g.items.map((r) => [departmentLabel(g.department), r.referralId, unitLabel(r.fromUnit), unitLabel(r.toUnit), r.reason ?? '', clockLabel(r.clock), beijingTime(r.deadline), r.overdueWorkingDays ?? '—']),
    ),
    [16, 18, 22, 22, 36, 12, 18, 10],
  );
  sheet(
    workbook,
    BRIEFING_SHEETS[1],
    `上次会议（${beijingTime(briefing.since)}）以来新增关联线索组`,
    ['线索组', '形成时间', '线索数', '成员', '关联要素', '跨地区', '跨部门'],
    briefing.newClusters.map((c) => [c.clusterId, beijingTime(c.formedAt), c.members.length, c.members.join('\n'), c.keys.join('\n'), c.crossRegion ? '是' : '', c.crossDepartment ? '是' : '']),
    [16, 18, 8, 40, 36, 8, 8],
  );
  sheet(
    workbook,
    BRIEFING_SHEETS[2],
    '典型案例',
    ['报送单位', '案号', '案件类型', '违法类别', '行政处罚决定书文号', '罚款（元）', '没收违法所得（元）', '决定日期'],
    briefing.typicalCases.map((c) => [unitLabel(c.unit), c.caseNo ?? c.caseId, caseKindLabel(c.kind), categoryLabel(c.primaryCategory), c.decisionNo ?? '', c.fine, c.confiscation, beijingTime(c.decidedAt)]),
    [24, 26, 10, 20, 30, 12, 16, 18],
  );
  sheet(
    workbook,
    BRIEFING_SHEETS[3],
    `情况统计表合计（全区，截至 ${asOf}）`,
    ['部门', '项目', '单位', '数量', '备注'],
    briefing.annex.rows.map((row) => [row.group, row.label, row.unit, annexCellValue(row.value), row.remark]),
    [18, 60, 8, 12, 30],
  );
  sheet(
    workbook,
    BRIEFING_SHEETS[4],
    `重点商品线索情况（截至 ${asOf}）`,
    ['商品类别', '线索数'],
    briefing.byProduct.map((p) => [productLabel(p.productCategory), p.leads]),
    [30, 12],
  );
  sheet(workbook, BRIEFING_SHEETS[5], `行政指导、约谈、抽检和紧急关停请求（截至 ${asOf}）`, [...ACTION_TOTALS_HEAD], actionTotalsRows(briefing.actions), [24, 12, 12, 12, 12, 12, 14]);
  sheet(workbook, BRIEFING_SHEETS[6], `重要时间节点网络监测线索（截至 ${asOf}）`, ['时间节点', '监测线索数'], briefing.keyPeriodLeads.map((p) => [p.label, p.leads]), [36, 14]);
  // Section 九: the signed tree head, printed with the meeting's record so a later rewrite of the log shows against it.
  const checkpoint = briefing.logCheckpoint;
  sheet(
    workbook,
    BRIEFING_SHEETS[7],
    '联席会议办公室签署的事件日志检查点（默克尔树根哈希）',
    ['签署时间', '事件数', '至流序号', '默克尔树根哈希'],
    checkpoint === null ? [[NO_CHECKPOINT_TEXT, null, null, null]] : [[beijingTime(checkpoint.signedAt), checkpoint.treeSize, checkpoint.uptoSeq, checkpoint.root]],
    [20, 10, 10, 70],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
