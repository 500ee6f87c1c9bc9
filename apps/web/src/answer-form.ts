// What every "answer a request addressed to my unit" dialog shares (referrals, 7×24 closures, case transfers):
// the answer is one event from the signed-in unit on the requester-qualified subject; the server's field errors go
// next to their fields, anything else above the button, and the button shows it is busy meanwhile.
import { ref } from 'vue';
import { session } from './session';
import { submitEvent } from './submit-event';

export interface AnswerForm {
  errors: { value: Record<string, string> };
  failure: { value: string };
  busy: { value: boolean };
  /** Sends the answer; true once stored. A client-side check that failed is passed as `refused` and nothing is sent. */
  send(answer: { type: string; subject: string; data: Record<string, unknown> }, refused?: Record<string, string>): Promise<boolean>;
  /** A form item's validation props for `name`. */
  field(name: string): { validationStatus: 'error' | undefined; feedback: string };
}

export function useAnswerForm(): AnswerForm {
  const errors = ref<Record<string, string>>({});
  const failure = ref('');
  const busy = ref(false);

  const send: AnswerForm['send'] = async (answer, refused = {}) => {
    failure.value = '';
    errors.value = refused;
    if (Object.keys(refused).length > 0) return false;
    busy.value = true;
    try {
      const outcome = await submitEvent(session.me?.department ?? '', {
        id: crypto.randomUUID(),
        ...answer,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      if (outcome.ok) return true;
      errors.value = outcome.fields;
      failure.value = outcome.message;
      return false;
    } catch (error) {
      failure.value = (error as Error).message;
      return false;
    } finally {
      busy.value = false;
    }
  };

  const field: AnswerForm['field'] = (name) => ({ validationStatus: errors.value[name] ? 'error' : undefined, feedback: errors.value[name] ?? '' });
  return { errors, failure, busy, send, field };
}

/** `samr/653100` → the `fromDepartment` / `fromRegion` an answer names its requester by. */
export function requesterOf(unit: string): { fromDepartment: string; fromRegion: string } {
  const [fromDepartment = '', fromRegion = ''] = unit.split('/');
  return { fromDepartment, fromRegion };
}
