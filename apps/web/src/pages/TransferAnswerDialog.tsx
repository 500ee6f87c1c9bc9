import { defineComponent, ref, type PropType } from 'vue';
import { NAlert, NButton, NForm, NFormItem, NInput, NModal, NRadioButton, NRadioGroup, NSpace, useMessage } from 'naive-ui';
import type { TransferItem } from '@hub/contracts';
import { categoryName, session, unitName } from '../session';
import { submitEvent } from '../submit-event';

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
    const errors = ref<Record<string, string>>({});
    const failure = ref('');
    const busy = ref(false);

    const check = (): Record<string, string> => {
      if (decision.value === 'opened' && policeCaseId.value.trim() === '') return { policeCaseId: '立案时必须填写本单位案件编号' };
      if (decision.value === 'declined' && reason.value.trim() === '') return { reason: '不予立案时必须说明理由' };
      return {};
    };

    const submit = async (): Promise<void> => {
      const transfer = props.transfer;
      if (!transfer) return;
      failure.value = '';
      errors.value = check();
      if (Object.keys(errors.value).length > 0) return;
      const [fromDepartment = '', fromRegion = ''] = transfer.fromUnit.split('/');
      const answer = decision.value === 'opened' ? { policeCaseId: policeCaseId.value.trim() } : { reason: reason.value.trim() };
      busy.value = true;
      try {
        const outcome = await submitEvent(session.me?.department ?? '', {
          id: crypto.randomUUID(),
          type: 'case.transfer_answered',
          subject: `case/${transfer.id}`,
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          data: { caseId: transfer.caseId, fromDepartment, fromRegion, decision: decision.value, ...answer },
        });
        if (outcome.ok) {
          message.success(`已答复移送案件 ${transfer.caseId}`);
          decision.value = 'opened';
          policeCaseId.value = '';
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

    const field = (name: string) => ({ validationStatus: errors.value[name] ? ('error' as const) : undefined, feedback: errors.value[name] ?? '' });
    return () => (
      <NModal show={props.transfer !== undefined} preset="card" title={`答复移送案件 ${props.transfer?.caseNo ?? props.transfer?.caseId ?? ''}`} style={{ width: '560px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="transfer-answer-dialog">
        <NSpace vertical>
          <div style={{ color: '#666' }}>
            移送单位：{unitName(props.transfer?.fromUnit)}；违法类别：{categoryName(props.transfer?.primaryCategory) || '—'}；移送理由：{props.transfer?.reason ?? '—'}
          </div>
          <NForm labelPlacement="left" labelWidth={110}>
            <NFormItem label="决定" required {...field('decision')}>
              <NRadioGroup value={decision.value} onUpdateValue={(value: 'opened' | 'declined') => { decision.value = value; errors.value = {}; }}>
                <NRadioButton value="opened" data-testid="transfer-decision-opened">立案</NRadioButton>
                <NRadioButton value="declined" data-testid="transfer-decision-declined">不予立案</NRadioButton>
              </NRadioGroup>
            </NFormItem>
            {decision.value === 'opened' ? (
              <NFormItem label="本单位案件编号" required {...field('policeCaseId')} data-testid="transfer-field-policeCaseId">
                <NInput value={policeCaseId.value} onUpdateValue={(value: string) => { policeCaseId.value = value; errors.value = {}; }} placeholder="如 GA-2021-0031" />
              </NFormItem>
            ) : (
              <NFormItem label="不予立案理由" required {...field('reason')} data-testid="transfer-field-reason">
                <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; errors.value = {}; }} placeholder="书面告知移送机关的理由" />
              </NFormItem>
            )}
          </NForm>
          {failure.value ? <NAlert type="error">{failure.value}</NAlert> : null}
          <NButton type="primary" loading={busy.value} onClick={() => void submit()} data-testid="submit-transfer-answer">
            提交答复
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
