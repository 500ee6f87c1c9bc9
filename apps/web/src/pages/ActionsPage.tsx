import { defineComponent, reactive } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NDataTable, NInput, NSelect, NSpace, NTabPane, NTabs, NTag, type DataTableColumns } from 'naive-ui';
import type { GuidanceItem, GuidancePage, SamplingItem, SamplingPage } from '@hub/contracts';
import { api } from '../api';
import { useListQuery } from '../list';
import { beijing, departmentName, isUnit, label, regionName, session, unitName } from '../session';

const optionsOf = (source: 'guidanceKinds' | 'productCategories' | 'departments' | 'regions'): { value: string; label: string }[] =>
  Object.entries(session.catalogue?.[source] ?? {})
    .filter(([code]) => code !== 'joint')
    .map(([value, text]) => ({ value, label: text }));

/** The scope filters a coordinator, a line or a prefecture narrows the lists by (a unit sees its own only). */
const scopeFilters = (filters: { department: string | null; region: string | null }, reload: () => void) =>
  isUnit()
    ? []
    : [
        <NSelect style={{ width: '160px' }} clearable filterable placeholder="部门" value={filters.department} options={optionsOf('departments')} onUpdateValue={(value: string | null) => { filters.department = value; reload(); }} />,
        <NSelect style={{ width: '160px' }} clearable filterable placeholder="地区" value={filters.region} options={optionsOf('regions')} onUpdateValue={(value: string | null) => { filters.region = value; reload(); }} />,
      ];

/**
 * 行政指导、约谈与抽检 (方案 三(二), 二(三)三): a unit enters them (录入) and sees its own; coordinators, lines and
 * prefectures see every unit's in their scope, filtered by department, region, kind, product and publication.
 */
export const ActionsPage = defineComponent({
  name: 'ActionsPage',
  setup() {
    const router = useRouter();
    const g = reactive({ department: null as string | null, region: null as string | null, kind: null as string | null, search: '', page: 1 });
    const s = reactive({ department: null as string | null, region: null as string | null, productCategory: null as string | null, published: null as string | null, page: 1 });
    const PAGE = 50;
    const guidance = useListQuery<GuidanceItem>(
      () => api<GuidancePage>('guidance', { department: g.department, region: g.region, kind: g.kind, search: g.search.trim(), limit: PAGE, offset: (g.page - 1) * PAGE }),
      ['guidance.'],
    );
    const samplings = useListQuery<SamplingItem>(
      () => api<SamplingPage>('samplings', { department: s.department, region: s.region, productCategory: s.productCategory, published: s.published, limit: PAGE, offset: (s.page - 1) * PAGE }),
      ['sampling.'],
    );
    const reloadGuidance = (): void => {
      g.page = 1;
      void guidance.load();
    };
    const reloadSamplings = (): void => {
      s.page = 1;
      void samplings.load();
    };

    const guidanceColumns: DataTableColumns<GuidanceItem> = [
      { title: '编号', key: 'guidanceId', width: 140 },
      { title: '单位', key: 'unit', width: 170, render: (row) => unitName(row.unit) },
      { title: '方式', key: 'kind', width: 90, render: (row) => <NTag size="small" type={row.kind === 'interview' ? 'warning' : 'info'}>{label('guidanceKinds', row.kind)}</NTag> },
      { title: '经营者', key: 'operatorName', width: 200 },
      { title: '事项', key: 'topic', width: 260 },
      { title: '日期', key: 'heldAt', width: 110, render: (row) => beijing(row.heldAt, false) },
      { title: '参加部门', key: 'participants', width: 220, render: (row) => row.participants.map(departmentName).join('、') },
    ];
    const samplingColumns: DataTableColumns<SamplingItem> = [
      { title: '编号', key: 'samplingId', width: 140 },
      { title: '单位', key: 'unit', width: 170, render: (row) => unitName(row.unit) },
      { title: '商品类别', key: 'productCategory', width: 150, render: (row) => label('productCategories', row.productCategory) },
      { title: '商品', key: 'productDescription', width: 140, render: (row) => row.productDescription ?? '' },
      { title: '抽检批次', key: 'batches', width: 90, align: 'right' },
      { title: '不合格', key: 'failed', width: 80, align: 'right', render: (row) => (row.failed > 0 ? <span style={{ color: '#b71c1c' }}>{row.failed}</span> : '0') },
      { title: '抽检日期', key: 'sampledAt', width: 110, render: (row) => beijing(row.sampledAt, false) },
      { title: '结果公开', key: 'publishedAt', width: 110, render: (row) => (row.publishedAt ? beijing(row.publishedAt, false) : <NTag size="small">未公开</NTag>) },
    ];

    const enter = (form: string) => (isUnit() ? <NButton type="primary" size="small" onClick={() => void router.push({ path: '/entry', query: { form } })} data-testid={`enter-${form}`}>录入</NButton> : null);

    return () => (
      <NTabs type="line" animated>
        <NTabPane name="guidance" tab="行政指导与约谈">
          <NSpace vertical>
            <NCard size="small">
              <NSpace align="center">
                {scopeFilters(g, reloadGuidance)}
                <NSelect style={{ width: '140px' }} clearable placeholder="方式" value={g.kind} options={optionsOf('guidanceKinds')} onUpdateValue={(value: string | null) => { g.kind = value; reloadGuidance(); }} />
                <NInput style={{ width: '220px' }} clearable placeholder="经营者或事项" value={g.search} onUpdateValue={(value: string) => { g.search = value; }} onKeyup={(e: KeyboardEvent) => { if (e.key === 'Enter') reloadGuidance(); }} data-testid="guidance-search" />
                <NButton size="small" onClick={reloadGuidance}>查询</NButton>
                {enter('guidance.given')}
              </NSpace>
            </NCard>
            {guidance.error.value ? <NAlert type="error">{guidance.error.value}</NAlert> : null}
            <div data-testid="guidance-total">共 {guidance.total.value} 次</div>
            <NDataTable
              remote
              size="small"
              data-testid="guidance-table"
              loading={guidance.loading.value}
              columns={guidanceColumns}
              data={guidance.rows.value}
              scrollX={1200}
              rowKey={(row: GuidanceItem) => `${row.unit}/${row.guidanceId}`}
              pagination={{ page: g.page, pageSize: PAGE, itemCount: guidance.total.value }}
              onUpdatePage={(value: number) => { g.page = value; void guidance.load(); }}
            />
          </NSpace>
        </NTabPane>
        <NTabPane name="samplings" tab="质量抽检">
          <NSpace vertical>
            <NCard size="small">
              <NSpace align="center">
                {scopeFilters(s, reloadSamplings)}
                <NSelect style={{ width: '200px' }} clearable placeholder="商品类别" value={s.productCategory} options={optionsOf('productCategories')} onUpdateValue={(value: string | null) => { s.productCategory = value; reloadSamplings(); }} />
                <NSelect style={{ width: '140px' }} clearable placeholder="公开情况" value={s.published} options={[{ value: 'true', label: '已公开' }, { value: 'false', label: '未公开' }]} onUpdateValue={(value: string | null) => { s.published = value; reloadSamplings(); }} />
                {enter('sampling.recorded')}
              </NSpace>
            </NCard>
            {samplings.error.value ? <NAlert type="error">{samplings.error.value}</NAlert> : null}
            <div>
              共 {samplings.total.value} 次；本页抽检 {samplings.rows.value.reduce((n, r) => n + r.batches, 0)} 批次，不合格 {samplings.rows.value.reduce((n, r) => n + r.failed, 0)} 批次
              {s.region ? `（${regionName(s.region)}）` : ''}
            </div>
            <NDataTable
              remote
              size="small"
              data-testid="samplings-table"
              loading={samplings.loading.value}
              columns={samplingColumns}
              data={samplings.rows.value}
              scrollX={1100}
              rowKey={(row: SamplingItem) => `${row.unit}/${row.samplingId}`}
              pagination={{ page: s.page, pageSize: PAGE, itemCount: samplings.total.value }}
              onUpdatePage={(value: number) => { s.page = value; void samplings.load(); }}
            />
          </NSpace>
        </NTabPane>
      </NTabs>
    );
  },
});
