import { defineComponent, ref, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, NRadioButton, NRadioGroup, NSpace, useMessage } from 'naive-ui';
import type { TransferItem } from '@hub/contracts';
import { useAnswerForm, requesterOf } from '../answer-form';
import { categoryName, unitName } from '../session';

/**
 * The police unit a case was transferred to decides whether to open a case (国务院令第310号第八条): opened, naming its
 * own case, or declined with the reason the transferring unit is told. case.transfer_answered on the transferring
 * unit's qualified chain, like a referral answer.
 */
export const TransferAnswerDialog = defineComponent({
  name: 'TransferAnswerDialog',
  props: {
    transfer: { type: Object as PropType<TransferItem | undefined>, default: undefined },
    onClose: { type: Function as PropType<(answered: boolean) => void>, required: true },
  },
  setup(props) {
    const message = useMessage();
    const decision = ref<'opened' | 'declined'>('opened');
    const policeCaseId = ref('');
    const reason = ref('');
    const form = useAnswerForm();

    const check = (): Record<string, string> => {
      if (decision.value === 'opened' && policeCaseId.value.trim() === '') return { policeCaseId: '立案时必须填写本单位案件编号' };
      if (decision.value === 'declined' && reason.value.trim() === '') return { reason: '不予立案时必须说明理由' };
      return {};
    };

    const submit = async (): Promise<void> => {
      const transfer = props.transfer;
      if (!transfer) return;
      const answer = decision.value === 'opened' ? { policeCaseId: policeCaseId.value.trim() } : { reason: reason.value.trim() };
      const stored = await form.send(
        { type: 'case.transfer_answered', subject: `case/${transfer.id}`, data: { caseId: transfer.caseId, ...requesterOf(transfer.fromUnit), decision: decision.value, ...answer } },
        check(),
      );
      if (!stored) return;
      message.success(`已答复移送案件 ${transfer.caseId}`);
      decision.value = 'opened';
      policeCaseId.value = '';
      reason.value = '';
      props.onClose(true);
    };

    return () => (
      <NModal show={props.transfer !== undefined} preset="card" title={`答复移送案件 ${props.transfer?.caseNo ?? props.transfer?.caseId ?? ''}`} style={{ width: '560px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="transfer-answer-dialog">
        <NSpace vertical>
          <div style={{ color: '#666' }}>
            移送单位：{unitName(props.transfer?.fromUnit)}；违法类别：{categoryName(props.transfer?.primaryCategory) || '—'}；移送理由：{props.transfer?.reason ?? '—'}
          </div>
          <NForm labelPlacement="left" labelWidth={110}>
            <NFormItem label="决定" required {...form.field('decision')}>
              <NRadioGroup value={decision.value} onUpdateValue={(value: 'opened' | 'declined') => { decision.value = value; form.errors.value = {}; }}>
                <NRadioButton value="opened" data-testid="transfer-decision-opened">立案</NRadioButton>
                <NRadioButton value="declined" data-testid="transfer-decision-declined">不予立案</NRadioButton>
              </NRadioGroup>
            </NFormItem>
            {decision.value === 'opened' ? (
              <NFormItem label="本单位案件编号" required {...form.field('policeCaseId')} data-testid="transfer-field-policeCaseId">
                <NInput value={policeCaseId.value} onUpdateValue={(value: string) => { policeCaseId.value = value; form.errors.value = {}; }} placeholder="如 GA-2021-0031" />
              </NFormItem>
            ) : (
              <NFormItem label="不予立案理由" required {...form.field('reason')} data-testid="transfer-field-reason">
                <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; form.errors.value = {}; }} placeholder="书面告知移送机关的理由" />
              </NFormItem>
            )}
          </NForm>
          {form.failure.value ? <NAlert type="error">{form.failure.value}</NAlert> : null}
          <NButton type="primary" loading={form.busy.value} onClick={() => void submit()} data-testid="submit-transfer-answer">
            提交答复
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
