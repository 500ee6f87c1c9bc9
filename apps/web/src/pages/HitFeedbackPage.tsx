import { defineComponent, h, ref } from 'vue';
import { NAlert, NCard, NDataTable, NSpace, NStatistic, NTag, type DataTableColumns } from 'naive-ui';
import type { HitFeedbackCount, HitFeedbackItem, HitFeedbackPage as FeedbackAnswer } from '@hub/contracts';
import { api } from '../api';
import { useListQuery } from '../list';
import { beijing, session, unitName } from '../session';
import { scrollWidth } from '../table-width';

const KIND_LABEL = (kind: string): string => session.catalogue?.entityKinds[kind] ?? kind;

/** 命中反馈: the units' verdicts on hit alerts (like MISP sightings), with counts per value, for the joint meeting. */
export const HitFeedbackPage = defineComponent({
  name: 'HitFeedbackPage',
  setup() {
    const page = ref<FeedbackAnswer>();
    const { rows, loading, error } = useListQuery<HitFeedbackItem>(async () => {
      page.value = await api<FeedbackAnswer>('hits/feedback');
      return { total: page.value.items.length, items: page.value.items };
    }, ['hit.feedback']);

    const countColumns: DataTableColumns<HitFeedbackCount> = [
      { title: '要素', key: 'value', render: (row) => `${KIND_LABEL(row.kind)}：${row.value}` },
      { title: '已确认', key: 'confirmed', width: 90, align: 'right' },
      { title: '误报', key: 'falsePositive', width: 90, align: 'right' },
    ];
    const columns: DataTableColumns<HitFeedbackItem> = [
      { title: '时间', key: 'at', width: 140, render: (row) => beijing(row.at) },
      { title: '反馈单位', key: 'unit', width: 170, render: (row) => unitName(row.unit) },
      // Without floors 要素 and 说明 shared what the fixed columns left: ~90 px each at 1,280.
      { title: '要素', key: 'value', minWidth: 220, render: (row) => `${KIND_LABEL(row.kind)}：${row.value}` },
      { title: '反馈', key: 'verdict', width: 90, render: (row) => h(NTag, { size: 'small', type: row.verdict === 'confirmed' ? 'success' : 'default' }, () => session.catalogue?.hitVerdicts[row.verdict] ?? row.verdict) },
      { title: '本单位记录', key: 'recordRef', width: 230 },
      { title: '对方记录', key: 'otherRef', width: 230 },
      { title: '说明', key: 'note', minWidth: 160, ellipsis: { tooltip: true } },
    ];
    return () => (
      <NSpace vertical>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        <NCard size="small">
          <NSpace size="large">
            <NStatistic label="已确认" value={rows.value.filter((r) => r.verdict === 'confirmed').length} data-testid="feedback-confirmed" />
            <NStatistic label="误报" value={rows.value.filter((r) => r.verdict === 'false_positive').length} />
          </NSpace>
        </NCard>
        <NDataTable size="small" loading={loading.value} columns={countColumns} data={page.value?.byValue ?? []} />
        <NDataTable size="small" data-testid="feedback-table" scrollX={scrollWidth(columns)} loading={loading.value} columns={columns} data={rows.value} pagination={{ pageSize: 30 }} />
      </NSpace>
    );
  },
});
