import { defineComponent, ref, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, NRadioButton, NRadioGroup, NSpace, useMessage } from 'naive-ui';
import type { ReferralItem } from '@hub/contracts';
import { session, unitName } from '../session';
import { submitEvent } from '../submit-event';

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
    const errors = ref<Record<string, string>>({});
    const failure = ref('');
    const busy = ref(false);

    const submit = async (): Promise<void> => {
      const referral = props.referral;
      if (!referral) return;
      errors.value = {};
      failure.value = '';
      if (decision.value !== 'accepted' && reason.value.trim() === '') {
        errors.value = { reason: '不予接收或退回时必须说明理由' };
        return;
      }
      busy.value = true;
      try {
        const outcome = await submitEvent(session.me?.department ?? '', {
          id: crypto.randomUUID(),
          type: 'referral.answered',
          // The referral is named by its sender: another unit may have sent us the same id.
          subject: referral.subject,
          time: new Date().toISOString(),
          data: { referralId: referral.referralId, fromDepartment: referral.fromDepartment, fromRegion: referral.fromRegion, decision: decision.value, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) },
        });
        if (outcome.ok) {
          message.success(`已答复移送 ${referral.referralId}`);
          decision.value = 'accepted';
          reason.value = '';
          props.onClose(true);
        } else {
          errors.value = outcome.fields;
          failure.value = outcome.message;
        }
      } finally {
        busy.value = false;
      }
    };

    return () => (
      <NModal show={props.referral !== undefined} preset="card" title={`答复移送 ${props.referral?.referralId ?? ''}`} style={{ width: '560px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="answer-dialog">
        <NSpace vertical>
          <div style={{ color: '#666' }}>
            来自：{unitName(props.referral?.fromUnit)}；事由：{props.referral?.reason}
          </div>
          <NForm labelPlacement="left" labelWidth={80}>
            <NFormItem label="答复" required validationStatus={errors.value['decision'] ? 'error' : undefined} feedback={errors.value['decision'] ?? ''}>
              <NRadioGroup value={decision.value} onUpdateValue={(value: string) => { decision.value = value; }}>
                {DECISIONS.map((option) => (
                  <NRadioButton value={option.value} data-testid={`decision-${option.value}`}>{option.label}</NRadioButton>
                ))}
              </NRadioGroup>
            </NFormItem>
            <NFormItem label="理由" required={decision.value !== 'accepted'} validationStatus={errors.value['reason'] ? 'error' : undefined} feedback={errors.value['reason'] ?? ''} data-testid="field-reason">
              <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; errors.value = {}; }} placeholder="不予接收或退回时必填" />
            </NFormItem>
          </NForm>
          {failure.value ? <NAlert type="error">{failure.value}</NAlert> : null}
          <NButton type="primary" loading={busy.value} onClick={() => void submit()} data-testid="submit-answer">
            提交答复
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
