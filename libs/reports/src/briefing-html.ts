// The joint-meeting briefing (联席会议通报) as one self-contained, printable HTML document (A4, no scripts,
// no external assets): what the coordinators hand out or archive. Pure function of a Briefing.
import type { Briefing } from '../../domain/src/reporting/briefing.js';
import { ACTION_TOTALS_HEAD, actionTotalsRows } from './briefing-actions.js';
import { maskBriefing } from '../../domain/src/privacy/mask-briefing.js';
import { annexCellValue } from './annex-values.js';
import { beijingTime, caseKindLabel, categoryLabel, clockLabel, departmentLabel, NO_CHECKPOINT_TEXT, productLabel, unitLabel, yuan } from './briefing-labels.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const cells = (values: readonly (string | number)[], tag: 'td' | 'th' = 'td'): string => `<tr>${values.map((v) => `<${tag}>${escape(String(v))}</${tag}>`).join('')}</tr>`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[], empty: string): string =>
  rows.length === 0 ? `<p class="empty">${escape(empty)}</p>` : `<table><thead>${cells(head, 'th')}</thead><tbody>${rows.map((r) => cells(r)).join('')}</tbody></table>`;

const STYLE = `@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; font-size: 11pt; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; } .meta { text-align: center; margin-bottom: 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; } table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; page-break-inside: auto; }
th, td { border: 0.5pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; } th { background: #eee; }
tr { page-break-inside: avoid; } .empty { color: #444; } .num { text-align: right; }`;

// Masked here too (idempotent): whoever calls the renderer, what leaves the hub carries no full phone numbers.
export function renderBriefingHtml(unmasked: Briefing): string {
  const briefing = maskBriefing(unmasked);
  const { overdue, newClusters, typicalCases, annex, readiness, byProduct, actions, keyPeriodLeads } = briefing;
  const keyPeriodRows = keyPeriodLeads.map((p) => [p.label, p.leads]);
  const actionRows = actionTotalsRows(actions);
  const productRows = byProduct.map((p) => [productLabel(p.productCategory), p.leads]);
  const perDepartment = overdue.byDepartment.map((g) => [departmentLabel(g.department), g.count]);
  const overdueRows = overdue.byDepartment.flatMap((g) =>
    g.items.map((r) => [r.referralId, unitLabel(r.fromUnit), unitLabel(r.toUnit), r.reason ?? '', clockLabel(r.clock), beijingTime(r.deadline), r.overdueWorkingDays ?? '—']),
  );
  const clusterRows = newClusters.map((c) => [
    c.clusterId,
    beijingTime(c.formedAt),
    c.members.length,
    c.keys.join('；'),
    [c.crossRegion ? '跨地区' : '', c.crossDepartment ? '跨部门' : ''].filter(Boolean).join('、'),
  ]);
  const caseRows = typicalCases.map((c) => [unitLabel(c.unit), c.caseNo ?? c.caseId, caseKindLabel(c.kind), categoryLabel(c.primaryCategory), c.decisionNo ?? '（尚未作出处罚决定）', yuan(c.fine), yuan(c.confiscation)]);
  const annexRows = annex.rows.filter((row) => row.value !== null && row.value !== 0).map((row) => [row.group, `${row.label}（${row.unit}）`, annexCellValue(row.value) ?? '', row.remark]);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(briefing.campaign.name)} 联席会议通报</title><style>${STYLE}</style></head>
<body>
<h1>${escape(briefing.campaign.name)}<br>联席会议工作通报</h1>
<p class="meta">统计截至 ${escape(beijingTime(briefing.asOf))}&emsp;上次会议 ${escape(beijingTime(briefing.since))}&emsp;生成于 ${escape(beijingTime(briefing.generatedAt))}</p>
<h2>一、移送协查超期情况（共 ${overdue.total} 件）</h2>
${table(['接收部门', '超期件数'], perDepartment, '无超期未答复的移送线索。')}
${table(['移送编号', '移送单位', '接收单位', '移送事由', '超期环节', '应办结时间', '超期工作日'], overdueRows, '')}
<h2>二、上次会议以来新增关联线索组（${newClusters.length} 组）</h2>
${table(['线索组', '形成时间', '线索数', '关联要素', '范围'], clusterRows, '上次会议以来没有新增关联线索组。')}
<h2>三、典型案例（${typicalCases.length} 件）</h2>
${table(['报送单位', '案号', '案件类型', '违法类别', '行政处罚决定书文号', '罚款（元）', '没收违法所得（元）'], caseRows, '尚无列为典型案例的案件。')}
<h2>四、情况统计表合计（全区）</h2>
${table(['部门', '项目', '数量', '备注'], annexRows, '情况统计表尚无数据。')}
<h2>五、12月5日材料报送准备情况</h2>
<p>${readiness.total} 个报送单位中，${readiness.complete} 个材料齐全（情况统计表、2件以上附行政处罚决定书的典型案例、工作总结），${readiness.total - readiness.complete} 个尚有缺项。</p>
<h2>六、重点商品线索情况</h2>
${table(['商品类别', '线索数'], productRows, '尚无线索。')}
<h2>七、行政指导、约谈、抽检和紧急关停请求</h2>
${table([...ACTION_TOTALS_HEAD], actionRows, '尚无行政指导、约谈、抽检或紧急关停请求记录。')}
<h2>八、重要时间节点网络监测线索</h2>
${table(['时间节点', '监测线索数'], keyPeriodRows, '本次活动未设重要时间节点。')}
<h2>九、事件日志检查点</h2>
${checkpointParagraph(briefing.logCheckpoint)}
</body></html>
`;
}

/** The signed tree head, printed so the meeting's record can later be held against the log. */
function checkpointParagraph(checkpoint: Briefing['logCheckpoint']): string {
  if (checkpoint === null) return `<p>${NO_CHECKPOINT_TEXT}</p>`;
  return `<p>联席会议办公室于 ${escape(beijingTime(checkpoint.signedAt))} 签署：日志前 ${checkpoint.treeSize} 条事件（至流序号 ${checkpoint.uptoSeq}）的默克尔树根哈希</p>
<p class="meta"><code>${escape(checkpoint.root)}</code></p>`;
}
