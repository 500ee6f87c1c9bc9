import { computed, defineComponent, h, reactive, ref } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NDataTable, NRadioButton, NRadioGroup, NSelect, NSpace, NSwitch, NTag, type DataTableColumns } from 'naive-ui';
import type { ReferralItem, ReferralPage, ReferralStatus } from '@hub/contracts';
import { api } from '../api';
import { useListQuery } from '../list';
import { beijing, departmentName, isUnit, referralStatusName, regionName, session, unitName } from '../session';
import { ReferralAnswerDialog } from './ReferralAnswerDialog';

const STATUS_TYPES: Record<ReferralStatus, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  sent: 'warning',
  accepted: 'info',
  rejected: 'error',
  returned: 'error',
  fed_back: 'success',
};

/** The referral board: every referral (coordinators, auditors) or the unit's inbox, filterable, overdue in red. */
export const ReferralsPage = defineComponent({
  name: 'ReferralsPage',
  setup() {
    const router = useRouter();
    const filters = reactive({ status: null as string | null, overdue: 'any', crossRegion: false, crossDepartment: false, toDepartment: null as string | null, toRegion: null as string | null });
    const page = reactive({ page: 1, pageSize: 50 });
    const { rows, total, loading, error, load } = useListQuery<ReferralItem>(
      () =>
        api<ReferralPage>(isUnit() ? 'referrals/inbox' : 'referrals', {
          status: filters.status,
          overdue: filters.overdue === 'any' ? undefined : filters.overdue,
          crossRegion: filters.crossRegion ? true : undefined,
          crossDepartment: filters.crossDepartment ? true : undefined,
          toDepartment: filters.toDepartment,
          toRegion: filters.toRegion,
          limit: page.pageSize,
          offset: (page.page - 1) * page.pageSize,
        }),
      ['lead.referred', 'referral.'],
    );
    const answering = ref<ReferralItem>(); // the inbox referral whose answer dialog is open
    const reload = (): void => {
      page.page = 1;
      void load();
    };

    const options = (list: Record<string, string> | undefined, skip: string[] = []) =>
      Object.entries(list ?? {})
        .filter(([code]) => !skip.includes(code))
        .map(([value, label]) => ({ value, label }));

    const columns = computed<DataTableColumns<ReferralItem>>(() => [
      {
        title: '移送编号',
        key: 'referralId',
        width: 150,
        render: (row) => h(NButton, { text: true, type: 'primary', onClick: () => void router.push({ path: '/timeline', query: { subject: row.subject } }) }, () => row.referralId),
      },
      {
        title: '状态',
        key: 'status',
        width: 190,
        render: (row) =>
          h(NSpace, { size: 4 }, () => [
            row.kind === 'assistance' ? h(NTag, { size: 'small', type: 'warning', 'data-testid': 'assistance-tag' }, () => '协查请求') : null,
            h(NTag, { size: 'small', type: STATUS_TYPES[row.status] ?? 'default' }, () => referralStatusName(row.status)),
            row.overdue ? h(NTag, { size: 'small', type: 'error', 'data-testid': 'overdue-tag' }, () => '超期') : null,
            row.crossRegion ? h(NTag, { size: 'small', bordered: false, type: 'info' }, () => '跨地区') : null,
            row.crossDepartment ? h(NTag, { size: 'small', bordered: false }, () => '跨部门') : null,
          ]),
      },
      { title: '移送单位', key: 'fromUnit', width: 170, render: (row) => unitName(row.fromUnit) },
      { title: '接收单位', key: 'toUnit', width: 170, render: (row) => unitName(row.toUnit) },
      {
        title: '移送事由',
        key: 'reason',
        minWidth: 200,
        ellipsis: { tooltip: true },
        // An assistance request names the receiver's own record it asks about.
        render: (row) => (row.kind === 'assistance' && row.recordRef ? `［${row.recordRef}］${row.reason ?? ''}` : (row.reason ?? '')),
      },
      { title: '移送时间', key: 'sentAt', width: 140, render: (row) => beijing(row.sentAt) },
      { title: '应答复', key: 'dueAt', width: 140, render: (row) => beijing(row.dueAt) },
      { title: '已用工作日', key: 'ageWorkingDays', width: 90, align: 'right' },
      // Who acted (the events' signed actors): the sender's and the receiver's person or system key.
      { title: '经办', key: 'sentBy', width: 170, ellipsis: { tooltip: true }, render: (row) => [row.sentBy, row.answeredBy].filter(Boolean).join(' → ') },
      { title: '处理结果', key: 'feedbackOutcome', width: 110, render: (row) => row.feedbackOutcome ?? row.decisionReason ?? '' },
      ...(isUnit()
        ? [
            {
              title: '操作',
              key: 'answer',
              width: 80,
              render: (row: ReferralItem) =>
                row.status === 'sent' ? h(NButton, { size: 'small', type: 'primary', 'data-testid': `answer-${row.referralId}`, onClick: () => (answering.value = row) }, () => '答复') : null,
            },
          ]
        : []),
    ]);

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center" wrap>
            <NSelect
              style={{ width: '140px' }}
              clearable
              placeholder="状态"
              value={filters.status}
              options={options(session.catalogue?.referralStatuses)}
              onUpdateValue={(value: string | null) => { filters.status = value; reload(); }}
            />
            <NRadioGroup value={filters.overdue} onUpdateValue={(value: string) => { filters.overdue = value; reload(); }} data-testid="overdue-filter">
              <NRadioButton value="any">全部</NRadioButton>
              <NRadioButton value="true" data-testid="overdue-only">仅超期</NRadioButton>
              <NRadioButton value="false">未超期</NRadioButton>
            </NRadioGroup>
            {isUnit() ? null : (
              <>
                <NSelect style={{ width: '180px' }} clearable filterable placeholder="接收部门" value={filters.toDepartment} options={options(session.catalogue?.departments, ['joint'])} onUpdateValue={(value: string | null) => { filters.toDepartment = value; reload(); }} />
                <NSelect style={{ width: '180px' }} clearable filterable placeholder="接收地区" value={filters.toRegion} options={Object.keys(session.catalogue?.regions ?? {}).map((code) => ({ value: code, label: regionName(code) }))} onUpdateValue={(value: string | null) => { filters.toRegion = value; reload(); }} />
              </>
            )}
            <span>跨地区</span>
            <NSwitch value={filters.crossRegion} onUpdateValue={(value: boolean) => { filters.crossRegion = value; reload(); }} />
            <span>跨部门</span>
            <NSwitch value={filters.crossDepartment} onUpdateValue={(value: boolean) => { filters.crossDepartment = value; reload(); }} />
            <span style={{ color: '#888' }} data-testid="referral-total">共 {total.value} 件</span>
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="warning">{error.value}</NAlert> : null}
        {isUnit() ? <NAlert type="info" showIcon={false}>本单位收件箱：{session.me?.label}（{departmentName(session.me?.department)}）收到的移送线索。</NAlert> : null}
        <NDataTable
          remote
          size="small"
          scrollX={1350}
          loading={loading.value}
          columns={columns.value}
          data={rows.value}
          rowKey={(row: ReferralItem) => `${row.toUnit}/${row.referralId}`}
          rowClassName={(row: ReferralItem) => (row.overdue ? 'overdue-row' : '')}
          rowProps={(row: ReferralItem) => ({ id: `referral-${row.referralId}` })}
          pagination={{ page: page.page, pageSize: page.pageSize, itemCount: total.value, showSizePicker: true, pageSizes: [20, 50, 100] }}
          onUpdatePage={(value: number) => { page.page = value; void load(); }}
          onUpdatePageSize={(value: number) => { page.pageSize = value; page.page = 1; void load(); }}
        />
        <ReferralAnswerDialog referral={answering.value} onClose={(answered: boolean) => { answering.value = undefined; if (answered) void load(); }} />
      </NSpace>
    );
  },
});
