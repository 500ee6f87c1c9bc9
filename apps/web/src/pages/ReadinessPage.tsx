import { computed, defineComponent, h, reactive, ref } from 'vue';
import { NAlert, NButton, NCard, NDataTable, NInput, NSelect, NSpace, NSwitch, NTag, useMessage, type DataTableColumns } from 'naive-ui';
import type { ReadinessReport, UnitReadiness } from '@hub/contracts';
import { api, post } from '../api';
import { useLiveRefresh } from '../list';
import { beijing, isUnit, regionName, session, unitName } from '../session';

const ANNEX = { filled: ['已填报', 'success'], empty: ['未填报', 'error'], not_applicable: ['无统计项目', 'default'] } as const;

/** Per reporting unit: is the 12-05 package complete (annex, ≥ 2 typical cases with penalty decisions, summary)? */
export const ReadinessPage = defineComponent({
  name: 'ReadinessPage',
  setup() {
    const message = useMessage();
    const filters = reactive({ department: null as string | null, region: null as string | null, incompleteOnly: false });
    const report = ref<ReadinessReport>();
    const error = ref('');
    const summary = ref('');
    const load = async (): Promise<void> => {
      try {
        report.value = await api<ReadinessReport>('readiness', { department: filters.department, region: filters.region });
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };
    const submitSummary = async (): Promise<void> => {
      const me = session.me;
      if (!me?.department || !summary.value.trim()) return;
      try {
        await post(`departments/${me.department}/events`, {
          id: crypto.randomUUID(),
          type: 'report.submitted',
          subject: `report/${session.catalogue?.campaign.id ?? 'net-sword-2021'}`,
          time: new Date().toISOString(),
          data: { campaign: session.catalogue?.campaign.id ?? 'net-sword-2021', summary: summary.value },
        });
        message.success('工作总结已报送');
        summary.value = '';
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    useLiveRefresh(['report.', 'case.', 'takedown.', 'inspection.', 'rectification.', 'seizure.', 'lead.referred'], () => void load(), 1_000);
    const rows = computed(() => (report.value?.items ?? []).filter((item) => !filters.incompleteOnly || !item.complete));
    const columns: DataTableColumns<UnitReadiness> = [
      { title: '报送单位', key: 'unit', width: 190, render: (row) => unitName(row.unit) },
      { title: '情况统计表', key: 'annex', width: 110, render: (row) => h(NTag, { size: 'small', type: ANNEX[row.annex][1] }, () => ANNEX[row.annex][0]) },
      { title: '典型案例（附决定书/全部）', key: 'typical', width: 170, render: (row) => `${row.typicalWithPenaltyDecision} / ${row.typicalCases}` },
      { title: '工作总结', key: 'summary', width: 170, render: (row) => (row.summarySubmittedAt ? `${beijing(row.summarySubmittedAt)}${row.summaryLate ? '（逾期）' : ''}${row.changedSinceFiled ? '（报送后有更正）' : ''}` : '未报送') },
      { title: '状态', key: 'complete', width: 90, render: (row) => h(NTag, { size: 'small', type: row.complete ? 'success' : 'warning' }, () => (row.complete ? '齐全' : '缺项')) },
      { title: '缺少', key: 'missing', render: (row) => row.missing.join('；') },
    ];
    return () => (
      <NSpace vertical>
        <NAlert type="info" showIcon={false}>
          依据方案三（四）：各单位须于 {report.value?.reportDue ?? '2021-12-05'} 前报送工作总结、情况统计表、典型案例（2件以上，附行政处罚决定书）。
          {report.value ? ` 当前 ${report.value.total} 个单位中 ${report.value.complete} 个齐全。` : ''}
        </NAlert>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        {isUnit() ? (
          <NCard size="small" title="报送专项行动工作总结">
            <NInput type="textarea" rows={5} value={summary.value} onUpdateValue={(value: string) => (summary.value = value)} placeholder="工作总结全文" />
            <NButton type="primary" style={{ marginTop: '8px' }} disabled={!summary.value.trim()} onClick={() => void submitSummary()}>
              报送
            </NButton>
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
        <NDataTable size="small" columns={columns} data={rows.value} rowKey={(row: UnitReadiness) => row.unit} pagination={{ pageSize: 30 }} data-testid="readiness-table" />
      </NSpace>
    );
  },
});
