import { defineComponent, h, reactive, ref } from 'vue';
import { NAlert, NButton, NCard, NDataTable, NDatePicker, NInput, NSelect, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { RecordItem, RecordKind, RecordPage, RecordStatus } from '@hub/contracts';
import { api } from '../api';
import { campaignDate } from '../entry-forms';
import { useListQuery } from '../list';
import { CORRECTABLE, KIND_LABEL, STATUS_LABEL } from '../record-forms';
import { beijing, categoryName, label, session } from '../session';
import { RecordCorrectDialog } from './RecordCorrectDialog';
import { scrollWidth } from '../table-width';

const STATUS_TAG: Record<RecordStatus, 'default' | 'warning' | 'error'> = { recorded: 'default', corrected: 'warning', voided: 'error' };

/** A value as the list shows it: codes by their catalogue label where the field has one. */
function shown(kind: RecordKind, name: string, value: unknown): string {
  const field = CORRECTABLE[kind].find((f) => f.name === name);
  if (Array.isArray(value)) return value.map((item) => (name === 'otherCategories' ? categoryName(String(item)) : String(item))).join('、');
  if (field && field.kind.type === 'select' && typeof value === 'string') return session.catalogue?.[field.kind.source][value] ?? value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The values worth a glance in the list: the correctable ones (not the date, which has its column). */
const summary = (row: RecordItem): string =>
  CORRECTABLE[row.kind]
    .filter((field) => field.name !== 'occurredAt' && row.values[field.name] !== undefined && field.name !== 'summary')
    .map((field) => `${field.label}：${shown(row.kind, field.name, row.values[field.name])}`)
    .join('；');

/**
 * 我的记录: the unit's own leads, cases and actions with their current values; search, filters by kind,
 * status and date; 更正 and 作废 with a reason. Units only (the gateway answers others 403 UNITS_ONLY).
 */
export const RecordsPage = defineComponent({
  name: 'RecordsPage',
  setup() {
    const filters = reactive({ kind: null as RecordKind | null, status: null as RecordStatus | null, range: null as [number, number] | null, q: '', keyPeriod: null as string | null });
    const page = reactive({ page: 1, pageSize: 50 });
    const dialog = ref<{ record: RecordItem; mode: 'correct' | 'void' } | undefined>(undefined);
    const { rows, total, loading, error, load } = useListQuery<RecordItem>(
      () =>
        api<RecordPage>('records', {
          kind: filters.kind,
          status: filters.status,
          from: filters.range ? campaignDate(filters.range[0]).slice(0, 10) : null,
          to: filters.range ? campaignDate(filters.range[1]).slice(0, 10) : null,
          q: filters.q.trim(),
          keyPeriod: filters.keyPeriod,
          limit: page.pageSize,
          offset: (page.page - 1) * page.pageSize,
        }),
      ['lead.', 'case.', 'takedown.', 'inspection.', 'seizure.', 'rectification.'],
    );
    const reload = (): void => {
      page.page = 1;
      void load();
    };
    const open = (record: RecordItem, mode: 'correct' | 'void'): void => {
      dialog.value = { record, mode };
    };

    const columns: DataTableColumns<RecordItem> = [
      { title: '类别', key: 'kind', width: 80, render: (row) => KIND_LABEL[row.kind] },
      { title: '编号', key: 'id', width: 150 },
      { title: '发生日期', key: 'occurredAt', width: 110, render: (row) => beijing(row.occurredAt, false) },
      { title: '重要时间节点', key: 'keyPeriod', width: 130, render: (row) => (row.keyPeriod ? h(NTag, { size: 'small', type: 'warning', 'data-testid': `period-${row.id}` }, () => label('keyPeriods', row.keyPeriod)) : '') },
      // The one column without a width takes what is left; at a laptop's 1,280 px nothing was, and the summary stood one
      // character per line with 更正/作废 pushed out of sight. It keeps 280 px, and the table scrolls sideways instead.
      { title: '当前内容', key: 'values', minWidth: 280, render: (row) => h('span', { 'data-testid': `values-${row.id}` }, summary(row)) },
      {
        // What correlation makes of each entity: a warning-listed value never links; keys beyond the record's cap are kept but link nothing.
        title: '涉案要素',
        key: 'entityNotes',
        width: 260,
        render: (row) =>
          h(NSpace, { size: 4, vertical: true, 'data-testid': `entities-${row.id}` }, () => [
            ...(row.entityNotes ?? []).map((n) =>
              h('span', {}, [
                n.value,
                n.warning ? h(NTag, { size: 'tiny', type: 'warning', style: 'margin-left:4px', title: n.warning.why }, () => `警示: ${n.warning?.warning ?? ''}`) : null,
                n.reason === 'beyond_key_cap' ? h(NTag, { size: 'tiny', type: 'error', style: 'margin-left:4px' }, () => '超出关联上限，不参与关联') : null,
              ]),
            ),
            row.keysBeyondCap ? h(NTag, { size: 'small', type: 'error' }, () => `${row.keysBeyondCap ?? 0} 个要素超出每条记录的关联上限`) : null,
          ]),
      },
      {
        title: '状态',
        key: 'status',
        width: 120,
        render: (row) => h(NTag, { size: 'small', type: STATUS_TAG[row.status], 'data-testid': `status-${row.id}` }, () => (row.corrections > 1 && row.status !== 'voided' ? `${STATUS_LABEL[row.status]}（${row.corrections}次）` : STATUS_LABEL[row.status])),
      },
      { title: '最后变更', key: 'updatedAt', width: 150, render: (row) => beijing(row.updatedAt) },
      {
        title: '操作',
        key: 'actions',
        width: 130,
        // Kept in sight while the table scrolls sideways: correcting and voiding are what a clerk comes here for.
        fixed: 'right',
        render: (row) =>
          row.status === 'voided'
            ? null
            : h(NSpace, { size: 'small' }, () => [
                h(NButton, { size: 'tiny', onClick: () => open(row, 'correct'), 'data-testid': `correct-${row.id}` }, () => '更正'),
                h(NButton, { size: 'tiny', type: 'error', ghost: true, onClick: () => open(row, 'void'), 'data-testid': `void-${row.id}` }, () => '作废'),
              ]),
      },
    ];

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            <NInput style={{ width: '220px' }} clearable placeholder="搜索编号或内容" value={filters.q} onUpdateValue={(value: string) => { filters.q = value ?? ''; reload(); }} data-testid="records-search" />
            <NSelect style={{ width: '140px' }} clearable placeholder="类别" value={filters.kind} options={(Object.keys(KIND_LABEL) as RecordKind[]).map((value) => ({ value, label: KIND_LABEL[value] }))} onUpdateValue={(value: RecordKind | null) => { filters.kind = value; reload(); }} data-testid="records-kind" />
            <NSelect style={{ width: '140px' }} clearable placeholder="状态" value={filters.status} options={(Object.keys(STATUS_LABEL) as RecordStatus[]).map((value) => ({ value, label: STATUS_LABEL[value] }))} onUpdateValue={(value: RecordStatus | null) => { filters.status = value; reload(); }} />
            <NSelect style={{ width: '180px' }} clearable placeholder="重要时间节点" value={filters.keyPeriod} options={Object.entries(session.catalogue?.keyPeriods ?? {}).map(([value, text]) => ({ value, label: `${text}监测线索` }))} onUpdateValue={(value: string | null) => { filters.keyPeriod = value; reload(); }} data-testid="records-key-period" />
            <NDatePicker type="daterange" clearable value={filters.range} onUpdateValue={(value: [number, number] | null) => { filters.range = value; reload(); }} />
            <span style={{ color: '#888' }}>共 {total.value} 条</span>
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        <NDataTable
          remote
          size="small"
          scrollX={scrollWidth(columns)}
          data-testid="records-table"
          loading={loading.value}
          columns={columns}
          data={rows.value}
          rowKey={(row: RecordItem) => row.subject}
          pagination={{ page: page.page, pageSize: page.pageSize, itemCount: total.value }}
          onUpdatePage={(value: number) => { page.page = value; void load(); }}
        />
        <RecordCorrectDialog
          record={dialog.value?.record}
          mode={dialog.value?.mode ?? 'correct'}
          onClose={(sent: boolean) => {
            dialog.value = undefined;
            if (sent) void load();
          }}
        />
      </NSpace>
    );
  },
});
