import { defineComponent, reactive, ref } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NDataTable, NSelect, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { ClosureItem, ClosurePage } from '@hub/contracts';
import { api } from '../api';
import { useListQuery } from '../list';
import { beijing, isUnit, label, session, unitName } from '../session';
import { ClosureAnswerDialog } from './ClosureAnswerDialog';

const REQUESTERS = ['cac', 'police', 'samr'];

/** Hours (and minutes) left on the clock, or how late; the clock starts when the hub recorded the request. */
function clockText(row: ClosureItem, now: number): string {
  if (row.status !== 'requested' || row.dueAt === null) return '';
  const ms = Date.parse(row.dueAt) - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const minutes = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  return ms >= 0 ? `剩余 ${hours} 小时 ${minutes} 分` : `已超时 ${hours} 小时 ${minutes} 分`;
}

/**
 * 7×24 紧急关停 (方案 二(六)五): a requesting unit (网信、公安、市场监管) sees the requests it made, the addressed unit
 * (通信管理局, or the unit holding a platform's duty) those it must answer — unanswered first, with the hours left on
 * the clock — and answers them here; coordinators see every request and which ran over.
 */
export const ClosuresPage = defineComponent({
  name: 'ClosuresPage',
  setup() {
    const router = useRouter();
    const filters = reactive({ direction: null as string | null, status: null as string | null, overdue: null as string | null, page: 1 });
    const PAGE = 50;
    const answering = ref<ClosureItem | undefined>(undefined);
    const list = useListQuery<ClosureItem>(
      () => api<ClosurePage>('closures', { direction: filters.direction, status: filters.status, overdue: filters.overdue, limit: PAGE, offset: (filters.page - 1) * PAGE }),
      ['closure.'],
    );
    const reload = (): void => {
      filters.page = 1;
      void list.load();
    };
    const statusTag = (row: ClosureItem) => {
      const type = row.status === 'closed' ? 'success' : row.status === 'refused' ? 'default' : 'warning';
      const text = row.status === 'requested' ? '待处置' : label('closureDecisions', row.status);
      return <NTag size="small" type={type}>{text}</NTag>;
    };
    const columns = (): DataTableColumns<ClosureItem> => [
      { fixed: 'left', title: '请求编号', key: 'closureId', width: 130 },
      { title: '请求单位', key: 'fromUnit', width: 170, render: (row) => unitName(row.fromUnit) },
      { title: '处置单位', key: 'toUnit', width: 170, render: (row) => unitName(row.toUnit) },
      { title: '对象', key: 'target', width: 260, render: (row) => `${label('closureTargetKinds', row.targetKind)}：${row.target ?? ''}${row.platform ? `（${row.platform}）` : ''}` },
      { title: '理由', key: 'reason', width: 200 },
      { title: '请求时间', key: 'recordedAt', width: 140, render: (row) => beijing(row.recordedAt) },
      { title: `答复时限（${list.rows.value[0]?.hours ?? 24}小时）`, key: 'dueAt', width: 190, render: (row) => <span data-testid={`clock-${row.closureId}`}>{beijing(row.dueAt)} {clockText(row, Date.now())}</span> },
      { title: '答复', key: 'answeredAt', width: 200, render: (row) => (row.answeredAt ? `${beijing(row.answeredAt)}${row.decisionReason ? `：${row.decisionReason}` : ''}` : '') },
      { fixed: 'right', title: '状态', key: 'status', width: 150, render: (row) => <NSpace size="small">{statusTag(row)}{row.overdue ? <NTag size="small" type="error" data-testid={`overdue-${row.closureId}`}>超时</NTag> : null}</NSpace> },
      {
        fixed: 'right',
        title: '操作',
        key: 'actions',
        width: 100,
        render: (row) => (row.answerable ? <NButton size="tiny" type="primary" onClick={() => (answering.value = row)} data-testid={`answer-${row.closureId}`}>答复</NButton> : null),
      },
    ];
    const mayRequest = (): boolean => isUnit() && REQUESTERS.includes(session.me?.department ?? '');

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            {isUnit() ? (
              <NSelect style={{ width: '150px' }} clearable placeholder="全部请求" value={filters.direction} options={[{ value: 'received', label: '待本单位处置' }, { value: 'sent', label: '本单位发起' }]} onUpdateValue={(value: string | null) => { filters.direction = value; reload(); }} data-testid="closure-direction" />
            ) : null}
            <NSelect style={{ width: '140px' }} clearable placeholder="状态" value={filters.status} options={[{ value: 'requested', label: '待处置' }, { value: 'closed', label: '已关停' }, { value: 'refused', label: '不予关停' }]} onUpdateValue={(value: string | null) => { filters.status = value; reload(); }} />
            <NSelect style={{ width: '160px' }} clearable placeholder="是否超时通报" value={filters.overdue} options={[{ value: 'true', label: '联席办已通报超时' }, { value: 'false', label: '未通报超时' }]} onUpdateValue={(value: string | null) => { filters.overdue = value; reload(); }} />
            {mayRequest() ? <NButton type="primary" size="small" onClick={() => void router.push({ path: '/entry', query: { form: 'closure.requested' } })} data-testid="new-closure">发起紧急关停请求</NButton> : null}
          </NSpace>
        </NCard>
        {list.error.value ? <NAlert type="error">{list.error.value}</NAlert> : null}
        <NDataTable
          remote
          size="small"
          data-testid="closures-table"
          loading={list.loading.value}
          columns={columns()}
          data={list.rows.value}
          scrollX={1700}
          rowKey={(row: ClosureItem) => row.id}
          pagination={{ page: filters.page, pageSize: PAGE, itemCount: list.total.value }}
          onUpdatePage={(value: number) => { filters.page = value; void list.load(); }}
        />
        <ClosureAnswerDialog closure={answering.value} onClose={(answered: boolean) => { answering.value = undefined; if (answered) void list.load(); }} />
      </NSpace>
    );
  },
});
