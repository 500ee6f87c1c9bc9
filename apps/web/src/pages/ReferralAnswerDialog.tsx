import { defineComponent, ref, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, NRadioButton, NRadioGroup, NSpace, useMessage } from 'naive-ui';
import type { ReferralItem } from '@hub/contracts';
import { useAnswerForm } from '../answer-form';
import { unitName } from '../session';

const DECISIONS = [
  { value: 'accepted', label: '接收' },
  { value: 'rejected', label: '不予接收' },
  { value: 'returned', label: '退回' },
] as const;

/**
 * Answering a referral from the unit's inbox (referral.answered under the referral's sender-qualified subject): accept,
 * or reject / return with the reason the sender and the joint office act on.
 */
export const ReferralAnswerDialog = defineComponent({
  name: 'ReferralAnswerDialog',
  props: {
    referral: { type: Object as PropType<ReferralItem | undefined>, default: undefined },
    onClose: { type: Function as PropType<(answered: boolean) => void>, required: true },
  },
  setup(props) {
    const message = useMessage();
    const decision = ref<string>('accepted');
    const reason = ref('');
    const form = useAnswerForm();

    const submit = async (): Promise<void> => {
      const referral = props.referral;
      if (!referral) return;
      const stored = await form.send(
        {
          type: 'referral.answered',
          // The referral is named by its sender: another unit may have sent us the same id.
          subject: referral.subject,
          data: { referralId: referral.referralId, fromDepartment: referral.fromDepartment, fromRegion: referral.fromRegion, decision: decision.value, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) },
        },
        decision.value !== 'accepted' && reason.value.trim() === '' ? { reason: '不予接收或退回时必须说明理由' } : {},
      );
      if (!stored) return;
      message.success(`已答复移送 ${referral.referralId}`);
      decision.value = 'accepted';
      reason.value = '';
      props.onClose(true);
    };

    return () => (
      <NModal show={props.referral !== undefined} preset="card" title={`答复移送 ${props.referral?.referralId ?? ''}`} style={{ width: '560px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="answer-dialog">
        <NSpace vertical>
          <div style={{ color: '#666' }}>
            来自：{unitName(props.referral?.fromUnit)}；事由：{props.referral?.reason}
          </div>
          <NForm labelPlacement="left" labelWidth={80}>
            <NFormItem label="答复" required {...form.field('decision')}>
              <NRadioGroup value={decision.value} onUpdateValue={(value: string) => { decision.value = value; }}>
                {DECISIONS.map((option) => (
                  <NRadioButton value={option.value} data-testid={`decision-${option.value}`}>{option.label}</NRadioButton>
                ))}
              </NRadioGroup>
            </NFormItem>
            <NFormItem label="理由" required={decision.value !== 'accepted'} {...form.field('reason')} data-testid="field-reason">
              <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; form.errors.value = {}; }} placeholder="不予接收或退回时必填" />
            </NFormItem>
          </NForm>
          {form.failure.value ? <NAlert type="error">{form.failure.value}</NAlert> : null}
          <NButton type="primary" loading={form.busy.value} onClick={() => void submit()} data-testid="submit-answer">
            提交答复
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
