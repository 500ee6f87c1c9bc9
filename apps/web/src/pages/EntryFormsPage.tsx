import { computed, defineComponent, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { NAlert, NButton, NCard, NDatePicker, NForm, NFormItem, NInput, NInputNumber, NRadioButton, NRadioGroup, NSelect, NSpace, NSwitch, useMessage } from 'naive-ui';
import { campaignDate, checkField, DEFAULT_FORM, ENTRY_FORMS, ENTRY_GROUPS, formOf, type EntryForm, type EntryGroup, type FormField, type OptionSource } from '../entry-forms';
import { session } from '../session';
import { submitEvent } from '../submit-event';

type Entity = { kind: string | null; value: string };
type Values = Record<string, unknown>;

/** The forms the signed-in unit may submit (a closure request is cac's, police's and samr's). */
const mine = (form: EntryForm): boolean => form.departments === undefined || form.departments.includes(session.me?.department ?? '');
const groups = (): EntryGroup[] => ENTRY_GROUPS.filter((group) => ENTRY_FORMS.some((form) => form.group === group && mine(form)));

function options(source: OptionSource): { value: string; label: string }[] {
  const labels: Record<string, string> | undefined = session.catalogue?.[source];
  const list = source === 'departments' ? Object.entries(labels ?? {}).filter(([code]) => code !== 'joint') : Object.entries(labels ?? {});
  return list.map(([value, label]) => ({ value, label }));
}

const blank = (form: EntryForm): Values =>
  Object.fromEntries([form.keyField, ...form.fields].map((field) => [field.name, field.kind.type === 'entities' || field.kind.type === 'multiselect' ? [] : null]));

/**
 * 录入: one form per kind of work (report a lead, record a takedown, open/decide/close a case, refer a
 * lead, give feedback …). Each field is checked in the browser first; the server's errors come back
 * next to the field they name. Submitted through the same API as departmental systems.
 */
export const EntryFormsPage = defineComponent({
  name: 'EntryFormsPage',
  setup() {
    const message = useMessage();
    const route = useRoute();
    const initial = formOf(route.query['form']);
    const selected = ref<EntryForm>(initial);
    const values = reactive<Values>(blank(initial));
    const errors = reactive<Record<string, string>>({});
    const failure = ref('');
    const busy = ref(false);
    const group = ref<string>(initial.group);

    const reset = (form: EntryForm): void => {
      selected.value = form;
      for (const name of Object.keys(values)) delete values[name];
      Object.assign(values, blank(form));
      for (const name of Object.keys(errors)) delete errors[name];
      failure.value = '';
    };
    watch(
      () => route.query['form'],
      (type) => {
        const form = ENTRY_FORMS.find((candidate) => candidate.type === type);
        if (form) {
          group.value = form.group;
          reset(form);
        }
      },
    );
    const inGroup = computed(() => ENTRY_FORMS.filter((form) => form.group === group.value && mine(form)));

    const dataOf = (form: EntryForm): Record<string, unknown> => {
      const data: Record<string, unknown> = {};
      for (const field of form.fields) {
        const value = values[field.name];
        if (field.name === 'time' || value === null || value === undefined || value === '') continue;
        if (field.kind.type === 'date') data[field.name] = campaignDate(value as number);
        else if (field.kind.type === 'ids') data[field.name] = (value as string).split(/[、,，\s]+/).filter(Boolean);
        else if (field.kind.type === 'entities') data[field.name] = (value as Entity[]).map((entity) => ({ kind: entity.kind, value: entity.value.trim() }));
        else if (field.kind.type === 'text') data[field.name] = (value as string).trim();
        else data[field.name] = value;
      }
      // Lists the contract requires even when empty.
      if (form.type === 'lead.reported' || form.type === 'case.opened') data['entities'] ??= [];
      if (form.type === 'case.opened') {
        data['otherCategories'] ??= [];
        data['leadIds'] ??= [];
      }
      if (form.keyInData) data['referralId'] = String(values['key']);
      return { ...data, ...form.fixed };
    };

    const submit = async (): Promise<void> => {
      const form = selected.value;
      for (const name of Object.keys(errors)) delete errors[name];
      failure.value = '';
      for (const field of [form.keyField, ...form.fields]) {
        const problem = checkField(field, values[field.name]);
        if (problem) errors[field.name] = problem;
      }
      if (Object.keys(errors).length > 0) {
        failure.value = '请按提示修改后再提交';
        return;
      }
      const department = session.me?.department ?? '';
      busy.value = true;
      try {
        const outcome = await submitEvent(
          department,
          { id: crypto.randomUUID(), type: form.type, subject: `${form.aggregate}/${String(values['key'])}`, time: campaignDate(values['time'] as number), data: dataOf(form) },
          form.keyInData ? 'referralId' : undefined,
        );
        if (outcome.ok) {
          message.success(`${form.title}：已提交`);
          reset(form);
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
      const kind = field.kind;
      const set = (value: unknown): void => {
        values[field.name] = value;
        delete errors[field.name];
      };
      switch (kind.type) {
        case 'select':
          return <NSelect filterable clearable value={values[field.name] as string | null} options={options(kind.source)} onUpdateValue={set} placeholder={`选择${field.label}`} />;
        case 'multiselect':
          return <NSelect multiple filterable value={values[field.name] as string[]} options={options(kind.source)} onUpdateValue={set} />;
        case 'count':
        case 'money':
          return <NInputNumber value={values[field.name] as number | null} min={0} precision={kind.type === 'count' ? 0 : 2} showButton={false} style={{ width: '220px' }} onUpdateValue={set} />;
        case 'flag':
          return <NSwitch value={values[field.name] === true} onUpdateValue={(on: boolean) => set(on ? true : null)} />;
        case 'date':
          return <NDatePicker type="date" value={values[field.name] as number | null} onUpdateValue={set} />;
        case 'entities': {
          const list = values[field.name] as Entity[];
          return (
            <NSpace vertical style={{ width: '100%' }}>
              {list.map((entity, index) => (
                <NSpace>
                  <NSelect style={{ width: '180px' }} value={entity.kind} options={options('entityKinds')} onUpdateValue={(value: string) => { entity.kind = value; delete errors[field.name]; }} placeholder="类型" />
                  <NInput style={{ width: '320px' }} value={entity.value} onUpdateValue={(value: string) => { entity.value = value; delete errors[field.name]; }} placeholder="内容" />
                  <NButton quaternary onClick={() => list.splice(index, 1)}>删除</NButton>
                </NSpace>
              ))}
              <NButton dashed size="small" onClick={() => list.push({ kind: null, value: '' })} data-testid="add-entity">
                添加一项
              </NButton>
            </NSpace>
          );
        }
        default:
          return (
            <NInput
              value={(values[field.name] as string | null) ?? ''}
              type={kind.type === 'text' && kind.multiline ? 'textarea' : 'text'}
              placeholder={field.placeholder ?? ''}
              onUpdateValue={set}
            />
          );
      }
    };

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace vertical>
            <NRadioGroup value={group.value} onUpdateValue={(value: string) => { group.value = value; reset(ENTRY_FORMS.find((form) => form.group === value && mine(form)) ?? DEFAULT_FORM); }}>
              {groups().map((name) => (
                <NRadioButton value={name}>{name}</NRadioButton>
              ))}
            </NRadioGroup>
            <NRadioGroup value={selected.value.type} onUpdateValue={(type: string) => reset(formOf(type))}>
              {inGroup.value.map((form) => (
                <NRadioButton value={form.type} data-testid={`form-${form.type}`}>
                  {form.title}
                </NRadioButton>
              ))}
            </NRadioGroup>
          </NSpace>
        </NCard>
        <NCard size="small" title={selected.value.title} data-testid="entry-form">
          <NForm labelPlacement="left" labelWidth={140} style={{ maxWidth: '820px' }}>
            {[selected.value.keyField, ...selected.value.fields].map((field) => (
              <NFormItem
                label={field.label}
                required={field.required === true}
                validationStatus={errors[field.name] ? 'error' : undefined}
                feedback={errors[field.name] ?? ''}
                data-testid={`field-${field.name}`}
              >
                {input(field)}
              </NFormItem>
            ))}
            {failure.value ? <NAlert type="error" style={{ marginBottom: '12px' }} data-testid="form-error">{failure.value}</NAlert> : null}
            <NButton type="primary" loading={busy.value} onClick={() => void submit()} data-testid="submit-form">
              提交
            </NButton>
          </NForm>
        </NCard>
      </NSpace>
    );
  },
});
