import { defineComponent, h, reactive, ref } from 'vue';
import { NAlert, NCard, NDataTable, NSelect, NSpace, NStatistic, NTag, type DataTableColumns } from 'naive-ui';
import type { OperatorChanges, OperatorCounts, OperatorItem, OperatorPage } from '@hub/contracts';
import { api } from '../api';
import { useListQuery, useLiveRefresh } from '../list';
import { beijing, campaignParam, isUnit, label, regionName, session, unitName } from '../session';

const optionsOf = (source: 'operatorKinds' | 'displayStatuses'): { value: string; label: string }[] =>
  Object.entries(session.catalogue?.[source] ?? {}).map(([value, text]) => ({ value, label: text }));

/**
 * 经营者名录: the operator register of the caller's scope (a unit: its region, shared by every department there;
 * coordinators and auditors: every region) — counts by kind and by 亮照/亮证/亮标 status, the changes by day, and the list.
 */
export const OperatorsPage = defineComponent({
  name: 'OperatorsPage',
  setup() {
    const filters = reactive({ region: null as string | null, kind: null as string | null, status: null as string | null });
    const page = reactive({ page: 1, pageSize: 50 });
    const counts = ref<OperatorCounts | null>(null);
    const changes = ref<OperatorChanges | null>(null);
    const params = () => ({ region: filters.region, kind: filters.kind, status: filters.status });
    const { rows, total, loading, error, load } = useListQuery<OperatorItem>(
      () => api<OperatorPage>('operators', { ...params(), limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
      ['operator.'],
    );
    const loadSummary = async (): Promise<void> => {
      [counts.value, changes.value] = await Promise.all([api<OperatorCounts>('operators/counts', params()), api<OperatorChanges>('operators/changes', { ...params(), ...campaignParam() })]);
    };
    useLiveRefresh(['operator.'], () => void loadSummary().catch((failure: unknown) => (error.value = (failure as Error).message)));
    const reload = (): void => {
      page.page = 1;
      void load();
      void loadSummary();
    };

    const display = (state: string) => h(NTag, { size: 'small', type: state === 'missing' ? 'error' : state === 'shown' ? 'success' : 'default' }, () => label('displayStates', state));
    const columns: DataTableColumns<OperatorItem> = [
      { title: '名称', key: 'name', width: 200 },
      { title: '类型', key: 'kind', width: 160, render: (row) => label('operatorKinds', row.kind) },
      { title: '统一社会信用代码', key: 'uscc', width: 180, render: (row) => row.uscc ?? (row.selfDeclared ? '自我声明' : '—') },
      { title: '平台 / 店铺', key: 'shop', width: 140, render: (row) => (row.platform ? `${row.platform} / ${row.shopId ?? ''}` : '—') },
      { title: '域名 / ICP备案', key: 'domain', width: 200, render: (row) => [row.domain, row.icpFiling].filter(Boolean).join(' ') || '—' },
      { title: '亮照', key: 'licenceDisplay', width: 90, render: (row) => display(row.licenceDisplay) },
      { title: '亮证', key: 'permitDisplay', width: 90, render: (row) => display(row.permitDisplay) },
      { title: '亮标', key: 'markDisplay', width: 90, render: (row) => display(row.markDisplay) },
      { title: '自营标记', key: 'selfOperatedLabelling', width: 150, render: (row) => (row.selfOperatedLabelling ? label('selfOperatedLabelling', row.selfOperatedLabelling) : '—') },
      { title: '经营地区', key: 'region', width: 110, render: (row) => regionName(row.region) },
      { title: '登记单位', key: 'unit', width: 160, render: (row) => unitName(row.unit) },
      { title: '登记日期', key: 'registeredAt', width: 110, render: (row) => beijing(row.registeredAt, false) },
    ];
    const countRows = (): Record<string, string | number>[] =>
      (counts.value?.regions ?? []).map((region) => ({
        region: regionName(region.region),
        total: region.total,
        ...Object.fromEntries(Object.entries(region.byKind).map(([kind, n]) => [`kind:${kind}`, n])),
        ...Object.fromEntries(Object.entries(region.byDisplayStatus).map(([status, n]) => [`status:${status}`, n])),
      }));
    const countColumns = (): DataTableColumns<Record<string, string | number>> => [
      { title: '地区', key: 'region', width: 120 },
      { title: '合计', key: 'total', width: 70, align: 'right' },
      ...optionsOf('operatorKinds').map((kind) => ({ title: kind.label, key: `kind:${kind.value}`, width: 110, align: 'right' as const, render: (row: Record<string, string | number>) => String(row[`kind:${kind.value}`] ?? 0) })),
      ...optionsOf('displayStatuses').map((status) => ({ title: status.label, key: `status:${status.value}`, width: 120, align: 'right' as const, render: (row: Record<string, string | number>) => String(row[`status:${status.value}`] ?? 0) })),
    ];

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            {isUnit() ? null : (
              <NSelect style={{ width: '160px' }} clearable filterable placeholder="经营地区" value={filters.region} options={Object.keys(session.catalogue?.regions ?? {}).map((value) => ({ value, label: regionName(value) }))} onUpdateValue={(value: string | null) => { filters.region = value; reload(); }} />
            )}
            <NSelect style={{ width: '200px' }} clearable placeholder="经营者类型" value={filters.kind} options={optionsOf('operatorKinds')} onUpdateValue={(value: string | null) => { filters.kind = value; reload(); }} />
            <NSelect style={{ width: '180px' }} clearable placeholder="亮照亮证亮标" value={filters.status} options={optionsOf('displayStatuses')} onUpdateValue={(value: string | null) => { filters.status = value; reload(); }} />
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        <NCard size="small" title="名录统计">
          <NSpace vertical>
            <NSpace size="large">
              <NStatistic label="经营者合计" value={counts.value?.total.total ?? 0} data-testid="operators-total" />
              <NStatistic label="亮照亮证亮标齐全" value={counts.value?.total.byDisplayStatus['compliant'] ?? 0} />
              <NStatistic label="存在未公示" value={counts.value?.total.byDisplayStatus['deficient'] ?? 0} />
              <NStatistic label="近期登记（最后一日）" value={changes.value?.items.at(-1)?.registered ?? 0} />
            </NSpace>
            <NDataTable size="small" data-testid="operator-counts" columns={countColumns()} data={countRows()} scrollX={1600} />
            <div style={{ color: '#666' }}>
              名录变化（按日）：{(changes.value?.items ?? []).map((day) => `${day.day} 登记${day.registered} 更新${day.updated}`).join('；') || '暂无'}
            </div>
          </NSpace>
        </NCard>
        <NDataTable
          remote
          size="small"
          data-testid="operators-table"
          loading={loading.value}
          columns={columns}
          data={rows.value}
          scrollX={1800}
          rowKey={(row: OperatorItem) => `${row.unit}/${row.operatorId}`}
          pagination={{ page: page.page, pageSize: page.pageSize, itemCount: total.value }}
          onUpdatePage={(value: number) => { page.page = value; void load(); }}
        />
      </NSpace>
    );
  },
});
