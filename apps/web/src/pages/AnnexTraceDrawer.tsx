import { computed, defineComponent, h, ref, watch, type PropType } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NDataTable, NDrawer, NDrawerContent, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { RowTrace, TracedEvent } from '@hub/contracts';
import { api, type Params } from '../api';
import { beijing, eventTypeName, unitName } from '../session';

const PAGE_SIZE = 50;

/** How a cell's value comes from its events, in the form's words. */
function measureText(trace: RowTrace): string {
  const { measure, scale } = trace;
  if (measure.kind === 'count') return '计法：每个事件计 1';
  if (measure.kind === 'distinct') return `计法：按 ${measure.field} 去重计数（同一值只计一次）`;
  return `计法：各事件的 ${measure.field} 求和${scale === 1 ? '' : `，再除以 ${scale.toLocaleString('zh-CN')}`}`;
}

/**
 * The events behind one annex cell, for the preview's scope and period (the annex reader's trace route,
 * recomputed from the log): sequence, time, unit, type, subject, what each adds, and a link to the
 * aggregate's timeline.
 */
export const AnnexTraceDrawer = defineComponent({
  name: 'AnnexTraceDrawer',
  props: {
    /** The row to trace; undefined closes the drawer. */
    row: { type: String as PropType<string | undefined>, default: undefined },
    params: { type: Object as PropType<Params>, required: true },
    /** The number the preview shows (read models); the trace recomputes it from the log. */
    shown: { type: [Number, null] as PropType<number | null | undefined>, default: undefined },
    onClose: { type: Function as PropType<() => void>, required: true },
  },
  setup(props) {
    const router = useRouter();
    const trace = ref<RowTrace>();
    const error = ref('');
    const loading = ref(false);
    const pageNo = ref(1);
    const load = async (): Promise<void> => {
      if (!props.row) return;
      loading.value = true;
      try {
        trace.value = await api<RowTrace>('annex/trace', { ...props.params, row: props.row, limit: PAGE_SIZE, offset: (pageNo.value - 1) * PAGE_SIZE });
        error.value = '';
      } catch (failure) {
        trace.value = undefined;
        error.value = (failure as Error).message;
      } finally {
        loading.value = false;
      }
    };
    watch(
      () => [props.row, props.params] as const,
      () => {
        pageNo.value = 1;
        trace.value = undefined;
        void load();
      },
      { immediate: true },
    );
    const timelineHref = (item: TracedEvent): string => router.resolve({ path: '/timeline', query: { subject: item.subject, unit: item.source } }).href;
    const columns = computed<DataTableColumns<TracedEvent>>(() => [
      { title: '序号', key: 'seq', width: 70 },
      { title: '发生时间', key: 'time', width: 140, render: (item) => beijing(item.time) },
      { title: '报送单位', key: 'source', width: 190, render: (item) => unitName(item.source) || item.source },
      { title: '事件', key: 'type', width: 150, render: (item) => h('span', { title: item.type }, eventTypeName(item.type)) },
      { title: '对象', key: 'subject', render: (item) => h('a', { href: timelineHref(item), 'data-testid': 'trace-timeline-link' }, item.subject) },
      {
        title: trace.value?.measure.kind === 'distinct' ? '计入（去重值）' : '计入',
        key: 'amount',
        width: 120,
        align: 'right',
        render: (item) => (item.distinctKey === undefined ? item.amount.toLocaleString('zh-CN') : item.distinctKey),
      },
    ]);
    const sum = computed(() => trace.value?.items.reduce((total, item) => total + item.amount, 0) ?? 0);
    return () => (
      <NDrawer show={props.row !== undefined} width={960} onUpdateShow={(show: boolean) => { if (!show) props.onClose(); }}>
        <NDrawerContent title={trace.value ? `${trace.value.row.label}（${trace.value.row.unit}）` : '数据来源'} closable>
          <div data-testid="annex-trace">
            {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
            {trace.value && props.shown !== undefined && trace.value.row.value !== props.shown ? (
              <NAlert type="warning" data-testid="trace-mismatch" style={{ marginBottom: '8px' }}>
                统计表显示 {props.shown ?? '—'}，按事件日志重算为 {trace.value.row.value ?? '—'}：统计表的读模型可能尚未追上最新事件，稍后刷新再看。
              </NAlert>
            ) : null}
            {trace.value ? (
              <NSpace vertical>
                <NSpace align="center" size={8}>
                  <NTag type="info">本格数值 {trace.value.row.value ?? '—'}</NTag>
                  <NTag data-testid="trace-total">{trace.value.total} 个事件</NTag>
                  <span style={{ color: '#666' }} data-testid="trace-sum">
                    {measureText(trace.value)}
                    {trace.value.total > PAGE_SIZE || trace.value.measure.kind === 'distinct' ? '' : `，计入合计 ${sum.value.toLocaleString('zh-CN')}`}
                  </span>
                </NSpace>
                <NDataTable
                  size="small"
                  remote
                  loading={loading.value}
                  columns={columns.value}
                  data={trace.value.items}
                  rowKey={(item: TracedEvent) => item.eventId}
                  pagination={{ page: pageNo.value, pageSize: PAGE_SIZE, itemCount: trace.value.total }}
                  onUpdatePage={(value: number) => { pageNo.value = value; void load(); }}
                />
              </NSpace>
            ) : null}
          </div>
        </NDrawerContent>
      </NDrawer>
    );
  },
});
