import { defineComponent, h, onMounted, ref } from 'vue';
import { NAlert, NButton, NDataTable, NInput, NSpace, NTag, useMessage, type DataTableColumns } from 'naive-ui';
import type { NotificationItem } from '@hub/contracts';
import { giveVerdict, loadNotifications, markRead, notifications } from '../notifications';
import { beijing, session, unitName } from '../session';

const KIND_LABEL = (kind: string): string => session.catalogue?.entityKinds[kind] ?? kind;
const VERDICT_LABEL = (verdict: string): string => session.catalogue?.hitVerdicts[verdict] ?? verdict;

/**
 * 通知: another unit reported on a value (USCC, phone, shop …) that one of this unit's open leads or cases carries.
 * At most one per value per day. Each can be marked read, and judged 已确认 or 误报 — the verdict is an event of the
 * unit (hit.feedback) that the joint meeting sees.
 */
export const NotificationsPage = defineComponent({
  name: 'NotificationsPage',
  setup() {
    const message = useMessage();
    const notes = ref<Record<string, string>>({});
    onMounted(() => void loadNotifications());
    const act = async (work: () => Promise<void>, done: string): Promise<void> => {
      try {
        await work();
        message.success(done);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };

    const columns: DataTableColumns<NotificationItem> = [
      { title: '', key: 'read', width: 60, render: (row) => (row.read ? null : h(NTag, { size: 'small', type: 'error', 'data-testid': `unread-${row.id}` }, () => '未读')) },
      { title: '日期', key: 'alertedAt', width: 140, render: (row) => beijing(row.alertedAt) },
      {
        title: '命中要素',
        key: 'value',
        minWidth: 280,
        render: (row) =>
          h('span', { 'data-testid': `hit-value-${row.id}` }, [
            `${KIND_LABEL(row.kind)}：${row.value}`,
            row.warning ? h(NTag, { size: 'tiny', type: 'warning', style: 'margin-left:4px', title: row.warning.why }, () => `警示: ${row.warning?.warning ?? ''}`) : null,
          ]),
      },
      { title: '本单位记录', key: 'recordRef', width: 160, render: (row) => row.recordRef.split('/').slice(2).join('/') },
      { title: '报送单位', key: 'otherUnit', width: 150, render: (row) => unitName(row.otherUnit) },
      { title: '对方记录', key: 'otherRef', width: 160, render: (row) => row.otherRef.split('/').slice(2).join('/') },
      {
        title: '反馈',
        key: 'verdict',
        width: 330,
        render: (row) =>
          row.verdict
            ? h(NTag, { size: 'small', type: row.verdict === 'confirmed' ? 'success' : 'default', 'data-testid': `verdict-${row.id}` }, () => `${VERDICT_LABEL(row.verdict ?? '')}${row.verdictNote ? `：${row.verdictNote}` : ''}`)
            : h(NSpace, { size: 4 }, () => [
                h(NInput, { size: 'tiny', style: 'width:120px', placeholder: '说明（可选）', value: notes.value[row.id] ?? '', onUpdateValue: (value: string) => (notes.value = { ...notes.value, [row.id]: value }) }),
                h(NButton, { size: 'tiny', type: 'primary', 'data-testid': `confirm-${row.id}`, onClick: () => void act(() => giveVerdict(row.id, 'confirmed', notes.value[row.id] ?? ''), '已确认') }, () => '已确认'),
                h(NButton, { size: 'tiny', 'data-testid': `false-positive-${row.id}`, onClick: () => void act(() => giveVerdict(row.id, 'false_positive', notes.value[row.id] ?? ''), '已标记为误报') }, () => '误报'),
              ]),
      },
      {
        title: '',
        key: 'actions',
        width: 90,
        render: (row) => (row.read ? null : h(NButton, { size: 'tiny', 'data-testid': `mark-read-${row.id}`, onClick: () => void act(() => markRead(row.id), '已标记为已读') }, () => '标记已读')),
      },
    ];

    return () => (
      <NSpace vertical>
        <span style={{ color: '#666' }}>其他单位报送的线索或案件涉及本单位在办线索、案件中的同一要素时，系统在此提醒（同一要素每天最多一次）。</span>
        {notifications.error ? <NAlert type="error">{notifications.error}</NAlert> : null}
        <NDataTable size="small" scrollX={1300} data-testid="notifications-table" columns={columns} data={notifications.page?.items ?? []} rowKey={(row: NotificationItem) => row.id} pagination={{ pageSize: 30 }} />
      </NSpace>
    );
  },
});
