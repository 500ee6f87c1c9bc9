import { defineComponent, reactive, ref } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NDataTable, NSelect, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { TransferItem, TransferPage } from '@hub/contracts';
import { api } from '../api';
import { useListQuery } from '../list';
import { beijing, categoryName, isUnit, label, session, unitName } from '../session';
import { TransferAnswerDialog } from './TransferAnswerDialog';

/** Days left on the police's clock, or how late (the clock ends at 24:00 local of its last day). */
function clockText(row: TransferItem, now: number): string {
  if (row.status !== 'transferred' || row.dueAt === null) return '';
  const ms = Date.parse(row.dueAt) - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  return ms >= 0 ? `剩余 ${Math.floor(hours / 24)} 天 ${hours % 24} 小时` : `已超期 ${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

/**
 * 移送公安: the transferring unit sees the cases it handed to the police and their decision; the addressed police unit
 * those it must decide on — unanswered first, with the time left on the 3-day clock (国务院令第310号第八条) — and
 * answers them here; lines, prefectures and coordinators see which ran over.
 */
export const TransfersPage = defineComponent({
  name: 'TransfersPage',
  setup() {
    const router = useRouter();
    const filters = reactive({ direction: null as string | null, status: null as string | null, page: 1 });
    const PAGE = 50;
    const answering = ref<TransferItem | undefined>(undefined);
    const list = useListQuery<TransferItem>(
      () => api<TransferPage>('transfers', { direction: filters.direction, status: filters.status, limit: PAGE, offset: (filters.page - 1) * PAGE }),
      ['case.transferred', 'case.transfer_answered', 'case.overdue'],
    );
    const reload = (): void => {
      filters.page = 1;
      void list.load();
    };
    const statusTag = (row: TransferItem) => {
      const type = row.status === 'opened' ? 'success' : row.status === 'declined' ? 'default' : 'warning';
      const text = row.status === 'transferred' ? '待公安机关决定' : label('transferDecisions', row.status);
      return <NTag size="small" type={type}>{text}</NTag>;
    };
    const columns = (): DataTableColumns<TransferItem> => [
      { fixed: 'left', title: '案件', key: 'caseId', width: 190, render: (row) => `${row.caseNo ?? row.caseId}${row.caseNo ? `（${row.caseId}）` : ''}` },
      { title: '移送单位', key: 'fromUnit', width: 170, render: (row) => unitName(row.fromUnit) },
      { title: '接收公安机关', key: 'toUnit', width: 170, render: (row) => unitName(row.toUnit) },
      { title: '违法类别', key: 'primaryCategory', width: 130, render: (row) => categoryName(row.primaryCategory) || '—' },
      { title: '移送理由', key: 'reason', width: 200 },
      { title: '移送日期', key: 'transferredAt', width: 140, render: (row) => beijing(row.transferredAt) },
      { title: '立案决定期限（3日）', key: 'dueAt', width: 220, render: (row) => <span data-testid={`clock-${row.caseId}`}>{beijing(row.dueAt)} {clockText(row, Date.now())}</span> },
      { title: '答复', key: 'answeredAt', width: 220, render: (row) => (row.answeredAt ? `${beijing(row.answeredAt)}${row.policeCaseId ? `：公安案件 ${row.policeCaseId}` : ''}${row.decisionReason ? `：${row.decisionReason}` : ''}` : '') },
      { fixed: 'right', title: '状态', key: 'status', width: 170, render: (row) => <NSpace size="small">{statusTag(row)}{row.overdue ? <NTag size="small" type="error" data-testid={`overdue-${row.caseId}`}>超期</NTag> : null}</NSpace> },
      {
        fixed: 'right',
        title: '操作',
        key: 'actions',
        width: 100,
        render: (row) => (row.answerable ? <NButton size="tiny" type="primary" onClick={() => (answering.value = row)} data-testid={`answer-${row.caseId}`}>答复</NButton> : null),
      },
    ];
    const mayTransfer = (): boolean => isUnit() && session.me?.department !== 'police';

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            {isUnit() ? (
              <NSelect style={{ width: '150px' }} clearable placeholder="全部移送" value={filters.direction} options={[{ value: 'received', label: '移送本单位' }, { value: 'sent', label: '本单位移送' }]} onUpdateValue={(value: string | null) => { filters.direction = value; reload(); }} data-testid="transfer-direction" />
            ) : null}
            <NSelect style={{ width: '160px' }} clearable placeholder="状态" value={filters.status} options={[{ value: 'transferred', label: '待公安机关决定' }, { value: 'opened', label: '已立案' }, { value: 'declined', label: '不予立案' }]} onUpdateValue={(value: string | null) => { filters.status = value; reload(); }} />
            {mayTransfer() ? <NButton type="primary" size="small" onClick={() => void router.push({ path: '/entry', query: { form: 'case.transferred' } })} data-testid="new-transfer">移送公安机关</NButton> : null}
          </NSpace>
        </NCard>
        {list.error.value ? <NAlert type="error">{list.error.value}</NAlert> : null}
        <NDataTable
          remote
          size="small"
          data-testid="transfers-table"
          loading={list.loading.value}
          columns={columns()}
          data={list.rows.value}
          scrollX={1750}
          rowKey={(row: TransferItem) => row.id}
          pagination={{ page: filters.page, pageSize: PAGE, itemCount: list.total.value }}
          onUpdatePage={(value: number) => { filters.page = value; void list.load(); }}
        />
        <TransferAnswerDialog transfer={answering.value} onClose={(answered: boolean) => { answering.value = undefined; if (answered) void list.load(); }} />
      </NSpace>
    );
  },
});
