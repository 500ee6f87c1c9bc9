import { computed, defineComponent, h, reactive, ref } from 'vue';
import { NAlert, NButton, NCard, NDataTable, NInput, NSelect, NSpace, NSwitch, NTag, useMessage, type DataTableColumns } from 'naive-ui';
import type { CaseItem, CasePage, ReadinessReport, ReportFiled, ReportItem, UnitReadiness } from '@hub/contracts';
import { api, download, post } from '../api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { useLiveRefresh } from '../list';
import { beijing, campaignParam, isUnit, regionName, session, unitName } from '../session';
import { scrollWidth } from '../table-width';

const ANNEX = { filled: ['已填报', 'success'], empty: ['未填报', 'error'], not_applicable: ['无统计项目', 'default'] } as const;
const FILING = { missing: ['未报送', 'default'], filed: ['已报送', 'success'], late: ['逾期报送', 'warning'], returned: ['退回待重报', 'error'] } as const;
const ITEMS: Record<ReportItem, string> = { summary: '工作总结', statistics: '情况统计表', typical_cases: '典型案例', penalty_decisions: '行政处罚决定书', joint_enforcement: '联合执法材料' };

/** Per unit the plan addresses: what its department must file, whom it files to, where its filing stands, what is missing. */
export const ReadinessPage = defineComponent({
  name: 'ReadinessPage',
  setup() {
    const message = useMessage();
    const filters = reactive({ department: null as string | null, region: null as string | null, incompleteOnly: false });
    const report = ref<ReadinessReport>();
    const error = ref('');
    const summary = ref('');
    const jointNote = ref('');
    const load = async (): Promise<void> => {
      try {
        report.value = await api<ReadinessReport>('readiness', { department: filters.department, region: filters.region, ...campaignParam() });
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };
    const campaign = (): string => campaignParam().campaign ?? '';
    // The unit's typical cases: their penalty decisions are attached here, before filing.
    const typical = ref<CaseItem[]>([]);
    const loadTypical = async (): Promise<void> => {
      if (!isUnit()) return;
      typical.value = (await api<CasePage>('cases', { typical: 'true', limit: 50, ...campaignParam() })).items;
    };
    const filed = ref<ReportFiled>();
    // Filing is one signed fact: the hub computes the figures from the log now and lists the attachments.
    const submitSummary = async (): Promise<void> => {
      if (!session.me?.unit || !summary.value.trim()) return;
      try {
        filed.value = await post<ReportFiled>('reports/file', {
          id: crypto.randomUUID(),
          campaign: campaign(),
          summary: summary.value,
          ...(jointNote.value.trim() ? { jointEnforcementNote: jointNote.value.trim() } : {}),
        });
        message.success(`已报送（第 ${filed.value.version} 版，统计截至日志第 ${filed.value.checkpointSeq} 条）`);
        summary.value = '';
        jointNote.value = '';
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    const downloadPackage = (unit: string): void =>
      void download(`reports/${unit}/package.zip`, { campaign: campaign() }, 'package.zip').catch((failure: Error) => message.error(failure.message));
    void loadTypical();
    // A line supervisor sends a filing back with a reason (report.returned); the unit re-files.
    const returning = reactive({ unit: '', reason: '' });
    const returnFiling = async (): Promise<void> => {
      if (!returning.unit || !returning.reason.trim()) return;
      try {
        await post('readiness/return', { unit: returning.unit, reason: returning.reason.trim(), id: crypto.randomUUID() });
        message.success(`已退回 ${unitName(returning.unit)} 的报送`);
        returning.unit = '';
        returning.reason = '';
        await load();
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    useLiveRefresh(['report.', 'case.', 'takedown.', 'inspection.', 'rectification.', 'seizure.', 'lead.referred'], () => void load(), 1_000);
    const rows = computed(() => (report.value?.items ?? []).filter((item) => !filters.incompleteOnly || !item.complete));
    const columns: DataTableColumns<UnitReadiness> = [
      { title: '报送单位', key: 'unit', width: 190, render: (row) => unitName(row.unit) },
      { title: '报送状态', key: 'filing', width: 100, render: (row) => h(NTag, { size: 'small', type: FILING[row.filing][1] }, () => FILING[row.filing][0]) },
      { title: '应报材料', key: 'duties', width: 200, render: (row) => row.duties.map((item) => ITEMS[item]).join('、') },
      { title: '报送至 / 抄送', key: 'route', width: 220, render: (row) => `${row.route.toLabel}${row.route.copyToLabel ? ` / ${row.route.copyToLabel}` : ''}` },
      { title: '情况统计表', key: 'annex', width: 110, render: (row) => h(NTag, { size: 'small', type: ANNEX[row.annex][1] }, () => ANNEX[row.annex][0]) },
      { title: '典型案例（附决定书/全部）', key: 'typical', width: 170, render: (row) => `${row.typicalWithPenaltyDecision} / ${row.typicalCases}` },
      { title: '工作总结', key: 'summary', width: 170, render: (row) => (row.summarySubmittedAt ? `${beijing(row.summarySubmittedAt)}${row.summaryLate ? '（逾期）' : ''}${row.filedVersion ? `（第${row.filedVersion}版）` : ''}` : '未报送') },
      {
        title: '变更',
        key: 'changed',
        width: 90,
        render: (row) => (row.changedSinceFiled ? h(NTag, { size: 'small', type: 'warning', title: row.changedBy ? `${row.changedBy.type} ${row.changedBy.subject}` : '' }, () => '已变更') : null),
      },
      { title: '状态', key: 'complete', width: 90, render: (row) => h(NTag, { size: 'small', type: row.complete ? 'success' : 'warning' }, () => (row.complete ? '齐全' : '缺项')) },
      // At a laptop's 1,280 px the fixed columns took it all: 缺少 stood 30 px wide and 操作 sat out of sight past the right edge.
      { title: '缺少', key: 'missing', minWidth: 200, render: (row) => row.missing.join('；') },
      ...(session.me?.kind === 'line' || session.me?.kind === 'region'
        ? [
            {
              title: '操作',
              key: 'return',
              width: 170,
              // 退回 and 报送包 stay in sight while the table scrolls sideways.
              fixed: 'right' as const,
              render: (row: UnitReadiness) =>
                h(NSpace, { size: 'small' }, () => [
                  row.summarySubmittedAt && !row.returned ? h(NButton, { size: 'small', onClick: () => (returning.unit = row.unit) }, () => '退回') : row.returned ? h(NTag, { size: 'small', type: 'error' }, () => '已退回') : null,
                  row.filedVersion ? h(NButton, { size: 'small', 'data-testid': `package-${row.unit}`, onClick: () => downloadPackage(row.unit) }, () => '报送包') : null,
                ]),
            },
          ]
        : []),
    ];
    return () => (
      <NSpace vertical>
        <NAlert type="info" showIcon={false}>
          依据方案三（四）：各单位须于 {report.value?.reportDue ?? session.catalogue?.campaign.reportDue} 前将工作总结、情况统计表、典型案例（2件以上，附行政处罚决定书）、联合执法相关材料报送上级主管部门并抄送同级市场监管部门；各部门只需报送其职责内的材料（如宣传部只报工作总结），方案未列入的单位不列出。
          {report.value ? ` 当前 ${report.value.total} 个单位中 ${report.value.complete} 个齐全。` : ''}
        </NAlert>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        {returning.unit ? (
          <NCard size="small" title={`退回 ${unitName(returning.unit)} 的报送`}>
            <NSpace vertical>
              <NInput type="textarea" placeholder="退回原因（必填）：请说明需要修改或补充的内容" value={returning.reason} onUpdateValue={(value: string) => (returning.reason = value)} />
              <NSpace>
                <NButton type="primary" disabled={!returning.reason.trim()} onClick={() => void returnFiling()}>
                  确认退回
                </NButton>
                <NButton onClick={() => (returning.unit = '')}>取消</NButton>
              </NSpace>
            </NSpace>
          </NCard>
        ) : null}
        {isUnit() ? (
          <NCard size="small" title="报送专项行动材料" data-testid="filing-card">
            <NSpace vertical>
              <div>工作总结文档、联合执法相关材料（拖入文件即上传）：</div>
              {session.me?.unit ? <AttachmentsPanel unit={session.me.unit} subject={`report/${campaign()}`} kinds={['summary', 'joint_enforcement']} editable testId="report-attachments" /> : null}
              <div>典型案例及其行政处罚决定书（PDF）：{typical.value.length === 0 ? '尚无典型案例（在案件中列为典型案例后显示）' : ''}</div>
              {typical.value.map((item) => (
                <NCard key={item.caseId} size="small" embedded title={`${item.caseNo ?? item.caseId}（${item.decisionNo ?? '无决定书文号'}）`}>
                  <AttachmentsPanel unit={item.unit} subject={`case/${item.caseId}`} kinds={['decision']} editable testId={`decisions-${item.caseId}`} />
                </NCard>
              ))}
              <NInput type="textarea" rows={5} value={summary.value} onUpdateValue={(value: string) => (summary.value = value)} placeholder="工作总结全文" />
              <NInput type="textarea" rows={2} value={jointNote.value} onUpdateValue={(value: string) => (jointNote.value = value)} placeholder="联合执法相关材料（说明随附的联合执法材料）" />
              <NSpace>
                <NButton type="primary" disabled={!summary.value.trim()} onClick={() => void submitSummary()} data-testid="file-report">
                  报送
                </NButton>
                {session.me?.unit ? <NButton onClick={() => downloadPackage(session.me?.unit ?? '')}>下载报送包</NButton> : null}
              </NSpace>
              {filed.value ? (
                <NAlert type="success" data-testid="filed">
                  已报送第 {filed.value.version} 版：统计表 {filed.value.figures.length} 项（SHA-256 {filed.value.figuresHash.slice(0, 16)}…），统计截至日志第 {filed.value.checkpointSeq} 条；典型案例 {filed.value.typicalCases.length} 件，附决定书{' '}
                  {filed.value.typicalCases.reduce((sum, item) => sum + item.decisions.length, 0)} 份。
                </NAlert>
              ) : null}
            </NSpace>
          </NCard>
        ) : (
          <NCard size="small">
            <NSpace align="center">
              <NSelect style={{ width: '180px' }} clearable filterable placeholder="部门" value={filters.department} options={Object.entries(session.catalogue?.departments ?? {}).filter(([c]) => c !== 'joint').map(([value, label]) => ({ value, label }))} onUpdateValue={(value: string | null) => { filters.department = value; void load(); }} />
              <NSelect style={{ width: '180px' }} clearable filterable placeholder="地区" value={filters.region} options={Object.keys(session.catalogue?.regions ?? {}).map((value) => ({ value, label: regionName(value) }))} onUpdateValue={(value: string | null) => { filters.region = value; void load(); }} />
              <span>仅看缺项</span>
              <NSwitch value={filters.incompleteOnly} onUpdateValue={(value: boolean) => (filters.incompleteOnly = value)} />
            </NSpace>
          </NCard>
        )}
        <NDataTable size="small" scrollX={scrollWidth(columns)} columns={columns} data={rows.value} rowKey={(row: UnitReadiness) => row.unit} pagination={{ pageSize: 30 }} data-testid="readiness-table" />
      </NSpace>
    );
  },
});
