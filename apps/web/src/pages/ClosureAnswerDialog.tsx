import { defineComponent, ref, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, NRadioButton, NRadioGroup, NSpace, useMessage } from 'naive-ui';
import type { ClosureItem } from '@hub/contracts';
import { label, session, unitName } from '../session';
import { submitEvent } from '../submit-event';

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
    const errors = ref<Record<string, string>>({});
    const failure = ref('');
    const busy = ref(false);

    const submit = async (): Promise<void> => {
      const closure = props.closure;
      if (!closure) return;
      errors.value = {};
      failure.value = '';
      if (decision.value === 'refused' && reason.value.trim() === '') {
        errors.value = { reason: '不予关停时必须说明理由' };
        return;
      }
      const [fromDepartment = '', fromRegion = ''] = closure.fromUnit.split('/');
      busy.value = true;
      try {
        const outcome = await submitEvent(session.me?.department ?? '', {
          id: crypto.randomUUID(),
          type: 'closure.answered',
          subject: `closure/${closure.id}`,
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          data: { closureId: closure.closureId, fromDepartment, fromRegion, decision: decision.value, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) },
        });
        if (outcome.ok) {
          message.success(`已答复关停请求 ${closure.closureId}`);
          decision.value = 'closed';
          reason.value = '';
          props.onClose(true);
        } else {
          errors.value = outcome.fields;
          failure.value = outcome.message;
        }
      } catch (error) {
        failure.value = (error as Error).message;
      } finally {
        busy.value = false;
      }
    };

    return () => (
      <NModal show={props.closure !== undefined} preset="card" title={`答复紧急关停请求 ${props.closure?.closureId ?? ''}`} style={{ width: '560px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="closure-answer-dialog">
        <NSpace vertical>
          <div style={{ color: '#666' }}>
            来自：{unitName(props.closure?.fromUnit)}；对象：{label('closureTargetKinds', props.closure?.targetKind)} {props.closure?.target}；理由：{props.closure?.reason}
          </div>
          <NForm labelPlacement="left" labelWidth={80}>
            <NFormItem label="处置结果" required validationStatus={errors.value['decision'] ? 'error' : undefined} feedback={errors.value['decision'] ?? ''}>
              <NRadioGroup value={decision.value} onUpdateValue={(value: 'closed' | 'refused') => { decision.value = value; }}>
                <NRadioButton value="closed" data-testid="closure-decision-closed">已关停</NRadioButton>
                <NRadioButton value="refused" data-testid="closure-decision-refused">不予关停</NRadioButton>
              </NRadioGroup>
            </NFormItem>
            <NFormItem label="说明" required={decision.value === 'refused'} validationStatus={errors.value['reason'] ? 'error' : undefined} feedback={errors.value['reason'] ?? ''} data-testid="closure-field-reason">
              <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; errors.value = {}; }} placeholder="不予关停时必填" />
            </NFormItem>
          </NForm>
          {failure.value ? <NAlert type="error">{failure.value}</NAlert> : null}
          <NButton type="primary" loading={busy.value} onClick={() => void submit()} data-testid="submit-closure-answer">
            提交答复
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
