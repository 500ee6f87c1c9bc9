import { defineComponent, reactive, ref, watch, type PropType } from 'vue';
import { NAlert, NButton, NDatePicker, NForm, NFormItem, NInput, NInputNumber, NModal, NSelect, NSpace, useMessage } from 'naive-ui';
import type { RecordItem } from '@hub/contracts';
import { campaignDate, checkField, type FormField, type OptionSource } from '../entry-forms';
import { CORRECTABLE, KIND_LABEL, sameValue } from '../record-forms';
import { session } from '../session';
import { submitEvent } from '../submit-event';

type Values = Record<string, unknown>;

const options = (source: OptionSource): { value: string; label: string }[] => Object.entries(session.catalogue?.[source] ?? {}).map(([value, label]) => ({ value, label }));

/** The date picker's value (local midnight ms) of an ISO instant's date in the campaign's +08:00. */
const pickerDate = (iso: string): number => {
  const [y = 0, m = 1, d = 1] = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
};

/**
 * 更正 (new values for the correctable fields + a reason → `<kind>.corrected`) or 作废 (a reason →
 * `<kind>.voided`) of one of the unit's records, through the same submission path as the entry forms;
 * the server's field errors come back next to their field.
 */
export const RecordCorrectDialog = defineComponent({
  name: 'RecordCorrectDialog',
  props: {
    record: { type: Object as PropType<RecordItem | undefined>, default: undefined },
    mode: { type: String as PropType<'correct' | 'void'>, required: true },
    onClose: { type: Function as PropType<(sent: boolean) => void>, required: true },
  },
  setup(props) {
    const message = useMessage();
    const values = reactive<Values>({});
    const errors = reactive<Record<string, string>>({});
    const reason = ref('');
    const failure = ref('');
    const busy = ref(false);
    const fields = (): FormField[] => (props.record ? CORRECTABLE[props.record.kind] : []);
    const initial = (field: FormField, record: RecordItem): unknown => {
      if (field.name === 'occurredAt') return pickerDate(record.occurredAt);
      const value = record.values[field.name];
      return value === undefined ? (field.kind.type === 'multiselect' ? [] : null) : value;
    };

    watch(
      () => props.record,
      (record) => {
        for (const name of Object.keys(values)) delete values[name];
        for (const name of Object.keys(errors)) delete errors[name];
        reason.value = '';
        failure.value = '';
        if (record) for (const field of fields()) values[field.name] = initial(field, record);
      },
      { immediate: true },
    );

    const changed = (record: RecordItem): Values => {
      const data: Values = {};
      for (const field of fields()) {
        const value = values[field.name];
        if (sameValue(value, initial(field, record)) || value === null || value === '') continue;
        data[field.name] = field.kind.type === 'date' ? campaignDate(value as number) : typeof value === 'string' ? value.trim() : value;
      }
      return data;
    };

    const submit = async (): Promise<void> => {
      const record = props.record;
      if (!record) return;
      for (const name of Object.keys(errors)) delete errors[name];
      failure.value = '';
      if (reason.value.trim() === '') errors['reason'] = props.mode === 'void' ? '请填写作废理由' : '请填写更正理由';
      const data = props.mode === 'correct' ? changed(record) : {};
      if (props.mode === 'correct') {
        for (const field of fields()) {
          const problem = checkField(field, values[field.name]);
          if (problem) errors[field.name] = problem;
        }
        if (Object.keys(data).length === 0 && !errors['reason']) failure.value = '没有修改任何字段：请修改要更正的字段';
      }
      if (Object.keys(errors).length > 0 || failure.value) {
        failure.value ||= '请按提示修改后再提交';
        return;
      }
      busy.value = true;
      try {
        const verb = props.mode === 'correct' ? 'corrected' : 'voided';
        const outcome = await submitEvent(session.me?.department ?? '', {
          id: crypto.randomUUID(),
          type: `${record.kind}.${verb}`,
          subject: record.subject,
          time: new Date().toISOString(),
          data: { ...data, reason: reason.value.trim() },
        });
        if (outcome.ok) {
          message.success(`${KIND_LABEL[record.kind]} ${record.id}：已${props.mode === 'correct' ? '更正' : '作废'}`);
          props.onClose(true);
        } else {
          Object.assign(errors, outcome.fields);
          failure.value = outcome.message;
        }
      } catch (error) {
        failure.value = (error as Error).message;
      } finally {
        busy.value = false;
      }
    };

    const input = (field: FormField) => {
      const set = (value: unknown): void => {
        values[field.name] = value;
        delete errors[field.name];
      };
      const kind = field.kind;
      switch (kind.type) {
        case 'select':
          return <NSelect filterable clearable value={values[field.name] as string | null} options={options(kind.source)} onUpdateValue={set} />;
        case 'multiselect':
          return <NSelect multiple filterable value={values[field.name] as string[]} options={options(kind.source)} onUpdateValue={set} />;
        case 'count':
        case 'money':
          return <NInputNumber value={values[field.name] as number | null} min={0} precision={kind.type === 'count' ? 0 : 2} showButton={false} style={{ width: '220px' }} onUpdateValue={set} />;
        case 'date':
          return <NDatePicker type="date" value={values[field.name] as number | null} onUpdateValue={set} />;
        default:
          return <NInput value={(values[field.name] as string | null) ?? ''} type={kind.type === 'text' && kind.multiline ? 'textarea' : 'text'} onUpdateValue={set} />;
      }
    };

    const title = (): string => (props.record ? `${props.mode === 'correct' ? '更正' : '作废'}${KIND_LABEL[props.record.kind]} ${props.record.id}` : '');
    return () => (
      <NModal show={props.record !== undefined} preset="card" title={title()} style={{ width: '640px' }} onUpdateShow={(show: boolean) => { if (!show) props.onClose(false); }} data-testid="record-dialog">
        <NForm labelPlacement="left" labelWidth={150}>
          {props.mode === 'correct'
            ? fields().map((field) => (
                <NFormItem label={field.label} validationStatus={errors[field.name] ? 'error' : undefined} feedback={errors[field.name] ?? ''} data-testid={`field-${field.name}`}>
                  {input(field)}
                </NFormItem>
              ))
            : <div style={{ marginBottom: '12px', color: '#666' }}>作废后该记录不再计入情况统计表；已报送的统计表按报送时的口径保留。</div>}
          <NFormItem label={props.mode === 'correct' ? '更正理由' : '作废理由'} required validationStatus={errors['reason'] ? 'error' : undefined} feedback={errors['reason'] ?? ''} data-testid="field-reason">
            <NInput type="textarea" value={reason.value} onUpdateValue={(value: string) => { reason.value = value; delete errors['reason']; }} />
          </NFormItem>
        </NForm>
        <NSpace vertical>
          {failure.value ? <NAlert type="error" data-testid="form-error">{failure.value}</NAlert> : null}
          <NButton type={props.mode === 'correct' ? 'primary' : 'error'} loading={busy.value} onClick={() => void submit()} data-testid="submit-record">
            {props.mode === 'correct' ? '提交更正' : '确认作废'}
          </NButton>
        </NSpace>
      </NModal>
    );
  },
});
