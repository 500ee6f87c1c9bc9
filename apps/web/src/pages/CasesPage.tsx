import { computed, defineComponent, h, reactive } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NDataTable, NRadioButton, NRadioGroup, NSelect, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { CaseItem, CasePage } from '@hub/contracts';
import { api } from '../api';
import { useListQuery } from '../list';
import { beijing, campaignParam, caseKindName, categoryName, isUnit, regionName, session, unitName, yuan } from '../session';

/** The decision clock (第六十四条) in words: days left, overdue, paused by a suspension, or stopped. */
function clockCell(row: CaseItem) {
  const clock = row.clock;
  if (clock === null) return '—';
  const extra = [clock.extensions > 0 ? '已延期' : '', clock.suspendedDays > 0 ? `中止${clock.suspendedDays}天` : ''].filter(Boolean).join('，');
  const note = extra ? `（${extra}）` : '';
  const title = `${clock.basis}${clock.dueAt ? `；期限 ${beijing(clock.dueAt, false)}` : ''}`;
  const testid = `clock-${row.caseId}`;
  switch (clock.state) {
    case 'running':
      return h(NTag, { size: 'small', title, 'data-testid': testid, type: (clock.daysLeft ?? 0) < 0 ? 'error' : (clock.daysLeft ?? 0) <= 10 ? 'warning' : 'info' }, () =>
        (clock.daysLeft ?? 0) < 0 ? `超期 ${-(clock.daysLeft ?? 0)} 天${note}` : `剩 ${clock.daysLeft ?? 0} 天${note}`,
      );
    case 'paused':
      return h(NTag, { size: 'small', title, 'data-testid': testid }, () => `中止，期限暂停${note}`);
    case 'stopped':
      return h('span', { style: { color: '#888' }, title, 'data-testid': testid }, '已办结');
    default:
      return h('span', { title, 'data-testid': testid }, '期限未知（缺节假日数据）');
  }
}

/** Cases with their penalty decisions; typical cases (典型案例) first of all. */
export const CasesPage = defineComponent({
  name: 'CasesPage',
  setup() {
    const router = useRouter();
    const filters = reactive({ typical: 'true', department: null as string | null, region: null as string | null });
    const page = reactive({ page: 1, pageSize: 50 });
    const { rows, total, loading, error, load } = useListQuery<CaseItem>(
      () =>
        api<CasePage>('cases', {
          typical: filters.typical === 'any' ? undefined : filters.typical,
          department: filters.department,
          region: filters.region,
          limit: page.pageSize,
          offset: (page.page - 1) * page.pageSize,
          ...campaignParam(),
        }),
      ['case.'],
    );
    const reload = (): void => {
      page.page = 1;
      void load();
    };

    const fines = computed(() => rows.value.reduce((sum, row) => sum + (row.fine ?? 0), 0));
    const columns: DataTableColumns<CaseItem> = [
      {
        title: '案号',
        key: 'caseNo',
        width: 200,
        render: (row) => h(NButton, { text: true, type: 'primary', onClick: () => void router.push({ path: '/timeline', query: { subject: `case/${row.caseId}`, unit: row.unit } }) }, () => row.caseNo ?? row.caseId),
      },
      { title: '办案单位', key: 'unit', width: 170, render: (row) => unitName(row.unit) },
      { title: '类型', key: 'kind', width: 80, render: (row) => caseKindName(row.kind) },
      { title: '违法类别', key: 'primaryCategory', width: 150, render: (row) => [categoryName(row.primaryCategory), ...row.otherCategories.map((c) => `兼${categoryName(c)}`)].join('，') },
      { title: '立案时间', key: 'openedAt', width: 110, render: (row) => beijing(row.openedAt, false) },
      { title: '办案期限', key: 'clock', width: 170, render: clockCell },
      { title: '行政处罚决定书文号', key: 'decisionNo', width: 200, render: (row) => row.decisionNo ?? (row.transferred ? '已移送公安机关' : '—') },
      { title: '罚款（元）', key: 'fine', width: 110, align: 'right', render: (row) => yuan(row.fine) },
      { title: '没收（元）', key: 'confiscation', width: 110, align: 'right', render: (row) => yuan(row.confiscation) },
      { title: '决定日期', key: 'decidedAt', width: 110, render: (row) => beijing(row.decidedAt, false) },
      { title: '', key: 'typical', width: 80, render: (row) => (row.typical ? h(NTag, { size: 'small', type: 'error' }, () => '典型案例') : null) },
    ];
    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            <NRadioGroup value={filters.typical} onUpdateValue={(value: string) => { filters.typical = value; reload(); }}>
              <NRadioButton value="true">典型案例</NRadioButton>
              <NRadioButton value="any">全部案件</NRadioButton>
            </NRadioGroup>
            {isUnit() ? null : (
              <>
                <NSelect style={{ width: '180px' }} clearable filterable placeholder="部门" value={filters.department} options={Object.entries(session.catalogue?.departments ?? {}).filter(([c]) => c !== 'joint').map(([value, label]) => ({ value, label }))} onUpdateValue={(value: string | null) => { filters.department = value; reload(); }} />
                <NSelect style={{ width: '180px' }} clearable filterable placeholder="地区" value={filters.region} options={Object.keys(session.catalogue?.regions ?? {}).map((value) => ({ value, label: regionName(value) }))} onUpdateValue={(value: string | null) => { filters.region = value; reload(); }} />
              </>
            )}
            <span style={{ color: '#888' }}>共 {total.value} 件；本页罚款合计 {yuan(fines.value)} 元</span>
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        <NDataTable
          remote
          size="small"
          data-testid="cases-table"
          loading={loading.value}
          columns={columns}
          data={rows.value}
          rowKey={(row: CaseItem) => `${row.unit}/${row.caseId}`}
          pagination={{ page: page.page, pageSize: page.pageSize, itemCount: total.value }}
          onUpdatePage={(value: number) => { page.page = value; void load(); }}
        />
      </NSpace>
    );
  },
});
