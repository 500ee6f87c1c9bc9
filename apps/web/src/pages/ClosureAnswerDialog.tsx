import { defineComponent, ref, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, NRadioButton, NRadioGroup, NSpace, useMessage } from 'naive-ui';
import type { ClosureItem } from '@hub/contracts';
import { useAnswerForm, requesterOf } from '../answer-form';
import { label, unitName } from '../session';

/**
 * The addressed unit answers a closure request (closure.answered on the requester-qualified subject, like a referral
 * answer): closed, or refused with the reason the requester and the joint office act on.
 */
export const ClosureAnswerDialog = defineComponent({
  name: 'ClosureAnswerDialog',
  props: {
    closure: { type: Object as PropType<ClosureItem | undefined>, default: undefined },
    onClose: { type: Function as PropType<(answered: boolean) => void>, required: true },
  },
  setup(props) {
    const message = useMessage();
    const decision = ref<'closed' | 'refused'>('closed');
    const reason = ref('');
    const form = useAnswerForm();

    const submit = async (): Promise<void> => {
      const closure = props.closure;
      if (!closure) return;
      const stored = await form.send(
        { type: 'closure.answered', subject: `closure/${closure.id}`, data: { closureId: closure.closureId, ...requesterOf(closure.fromUnit), decision: decision.value, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) } },
        decision.value === 'refused' && reason.value.trim() === '' ? { reason: '不予关停时必须说明理由' } : {},
      );
      if (!stored) return;
      message.success(`已答复关停请求 ${closure.closureId}`);
      decision.value = 'closed';
      reason.value = '';
      props.onClose(true);
    };

    return () => (
      <NModal show={props.closure !== undefined} preset="card" title={`答复紧急关停请求 ${props.closure?.closureId ?? ''}`} style={{ width: '560px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="closure-answer-dialog">
        <NSpace vertical>
          <div style={{ color: '#666' }}>
            来自：{unitName(props.closure?.fromUnit)}；对象：{label('closureTargetKinds', props.closure?.targetKind)} {props.closure?.target}；理由：{props.closure?.reason}
          </div>
          <NForm labelPlacement="left" labelWidth={80}>
            <NFormItem label="处置结果" required {...form.field('decision')}>
              <NRadioGroup value={decision.value} onUpdateValue={(value: 'closed' | 'refused') => { decision.value = value; }}>
                <NRadioButton value="closed" data-testid="closure-decision-closed">已关停</NRadioButton>
                <NRadioButton value="refused" data-testid="closure-decision-refused">不予关停</NRadioButton>
              </NRadioGroup>
            </NFormItem>
            <NFormItem label="说明" required={decision.value === 'refused'} {...form.field('reason')} data-testid="closure-field-reason">
              <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; form.errors.value = {}; }} placeholder="不予关停时必填" />
            </NFormItem>
          </NForm>
          {form.failure.value ? <NAlert type="error">{form.failure.value}</NAlert> : null}
          <NButton type="primary" loading={form.busy.value} onClick={() => void submit()} data-testid="submit-closure-answer">
            提交答复
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
