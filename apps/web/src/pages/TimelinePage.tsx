import { defineComponent, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NCode, NEmpty, NInput, NSpace, NTag, NTimeline, NTimelineItem } from 'naive-ui';
import type { Timeline, TimelineEntry } from '@hub/contracts';
import { api } from '../api';
import { onProjected } from '../live';
import { beijing, session, unitName } from '../session';

/** The event history of one lead, referral or case, straight from the event archive. */
export const TimelinePage = defineComponent({
  name: 'TimelinePage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const form = reactive({ subject: '', unit: '' });
    const items = ref<TimelineEntry[]>();
    const error = ref('');
    const load = async (): Promise<void> => {
      if (!form.subject) return;
      try {
        items.value = (await api<Timeline>('timeline', { subject: form.subject, unit: form.unit || undefined })).items;
        error.value = '';
      } catch (failure) {
        items.value = undefined;
        error.value = (failure as Error).message;
      }
    };
    const fromRoute = (): void => {
      form.subject = typeof route.query['subject'] === 'string' ? route.query['subject'] : '';
      form.unit = typeof route.query['unit'] === 'string' ? route.query['unit'] : (session.me?.unit ?? '');
      void load();
    };
    watch(() => route.query, fromRoute);
    let stop: (() => void) | undefined;
    onMounted(() => {
      fromRoute();
      stop = onProjected((event) => {
        if (event.subject === form.subject || event.type.startsWith('cluster.') || event.type === 'lead.referred') void load();
      });
    });
    onBeforeUnmount(() => stop?.());
    const show = (): void => void router.push({ path: '/timeline', query: { subject: form.subject, ...(form.unit ? { unit: form.unit } : {}) } });
    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            <NInput style={{ width: '260px' }} placeholder="lead/L-1、referral/R-1、case/C-1" value={form.subject} onUpdateValue={(value: string) => (form.subject = value)} />
            <NInput style={{ width: '200px' }} placeholder="所属单位，如 samr/653100" value={form.unit} onUpdateValue={(value: string) => (form.unit = value)} />
            <NButton type="primary" onClick={show}>查看</NButton>
            <span style={{ color: '#888' }}>移送线索只需编号；线索、案件需填写所属单位。</span>
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        {items.value === undefined ? null : items.value.length === 0 ? (
          <NEmpty description="没有找到事件" />
        ) : (
          <NCard size="small" title={`${form.subject}${form.unit ? ` · ${unitName(form.unit)}` : ''}`}>
            <NTimeline>
              {items.value.map((entry) => (
                <NTimelineItem key={entry.seq} type={entry.source.startsWith('joint/') ? 'warning' : 'success'} title={`${entry.label}（${entry.type}）`} time={`发生 ${beijing(entry.time)} · 入库 ${beijing(entry.recordedAt)}`}>
                  <NSpace size={4} style={{ marginBottom: '4px' }}>
                    <NTag size="small">{unitName(entry.source) || entry.source}</NTag>
                    <NTag size="small" bordered={false}>
                      {entry.subject} v{entry.version}
                    </NTag>
                    <NTag size="small" bordered={false}>#{entry.seq}</NTag>
                  </NSpace>
                  <NCode code={JSON.stringify(entry.data, null, 2)} wordWrap />
                </NTimelineItem>
              ))}
            </NTimeline>
          </NCard>
        )}
      </NSpace>
    );
  },
});
