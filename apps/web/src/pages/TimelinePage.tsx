import { defineComponent, onBeforeUnmount, onMounted, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NCode, NEmpty, NInput, NSpace, NTag, NTimeline, NTimelineItem } from 'naive-ui';
import type { OperatorMatch, Timeline, TimelineEntry } from '@hub/contracts';
import { api } from '../api';
import { onProjected } from '../live';
import { beijing, label, session, unitName } from '../session';
import { AttachmentsPanel } from './AttachmentsPanel';

/** How a lead names a registered operator. */
const VIA: Record<string, string> = { uscc: '统一社会信用代码相同', domain: '域名相同', shop: '网店相同' };

/** The event history of one lead, referral or case, straight from the event archive. */
export const TimelinePage = defineComponent({
  name: 'TimelinePage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const form = reactive({ subject: '', unit: '' });
    const items = ref<TimelineEntry[]>();
    const operators = ref<OperatorMatch[]>([]);
    const error = ref('');
    const load = async (): Promise<void> => {
      if (!form.subject) return;
      try {
        const timeline = await api<Timeline>('timeline', { subject: form.subject, unit: form.unit || undefined });
        items.value = timeline.items;
        operators.value = timeline.operators;
        error.value = '';
      } catch (failure) {
        items.value = undefined;
        operators.value = [];
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
        {operators.value.length > 0 ? (
          <NCard size="small" title="经营者名录中的经营者" data-testid="timeline-operators">
            <NSpace vertical size={4}>
              {operators.value.map((match) => (
                <NSpace size={6} align="center">
                  <NTag size="small" type="info">{VIA[match.via] ?? match.via}</NTag>
                  <b>{match.operator.name}</b>
                  <span>{label('operatorKinds', match.operator.kind)}</span>
                  <span>{match.operator.uscc ?? (match.operator.selfDeclared ? '自我声明' : '')}</span>
                  <span>亮照{label('displayStates', match.operator.licenceDisplay)} · 亮证{label('displayStates', match.operator.permitDisplay)} · 亮标{label('displayStates', match.operator.markDisplay)}</span>
                  <span style={{ color: '#888' }}>登记单位 {unitName(match.operator.unit)}</span>
                </NSpace>
              ))}
            </NSpace>
          </NCard>
        ) : null}
        {/* The case file: decisions and photos, shown inline; its own unit attaches by dropping files. */}
        {items.value && items.value.length > 0 && /^case\/[^/]+$/.test(form.subject) && form.unit ? (
          <NCard size="small" title="案件附件（行政处罚决定书、照片）">
            <AttachmentsPanel key={`${form.unit}/${form.subject}`} unit={form.unit} subject={form.subject} kinds={['decision', 'photo']} editable={session.me?.unit === form.unit} testId="case-attachments" />
          </NCard>
        ) : null}
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
                    {entry.actor ? (
                      <NTag size="small" type="info" bordered={false} data-testid="timeline-actor">
                        经办：{entry.actor}
                      </NTag>
                    ) : null}
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
