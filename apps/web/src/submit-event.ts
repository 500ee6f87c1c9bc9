// Submitting one event from a form: the gateway's 400 names failing paths (`data.count`, or `[0].data.count`
// in a batch); they come back keyed by form field so each message can sit next to its field.
import type { ApiErrorBody } from '@hub/contracts';
import { tokenStore } from './api';

export interface SubmittedForm {
  id: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

export type SubmitOutcome =
  | { ok: true; duplicate: boolean }
  | { ok: false; message: string; fields: Record<string, string> };

/** Path → form field: `data.entities[2].value` → entities, `subject` → key, `time` → time. */
function fieldOf(path: string, keyInData: string | undefined): string {
  const bare = path.replace(/^\[\d+\]\./, '');
  if (bare === 'subject' || bare === 'id') return 'key';
  const name = /^data\.([A-Za-z]+)/.exec(bare)?.[1];
  if (name === undefined) return bare === 'time' ? 'time' : '';
  return name === keyInData ? 'key' : name;
}

export async function submitEvent(department: string, event: SubmittedForm, keyInData?: string): Promise<SubmitOutcome> {
  const token = tokenStore.get();
  const response = await fetch(`/api/v1/departments/${department}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(event),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<ApiErrorBody> & { results?: { duplicate?: boolean; error?: { code: string; message: string } }[] };
  if (response.status === 201) return { ok: true, duplicate: body.results?.[0]?.duplicate === true };
  const fields: Record<string, string> = {};
  for (const problem of body.fields ?? []) {
    const field = fieldOf(problem.path, keyInData);
    // The server's rule, in its words, under a Chinese lead-in: the client's own checks already speak Chinese.
    fields[field] = fields[field] ? `${fields[field]}；${problem.message}` : `服务器校验未通过：${problem.message}`;
  }
  const failed = body.results?.find((result) => result.error)?.error;
  const message = response.status === 400 ? '提交的内容有误，请按字段提示修改' : `未能提交（${body.code ?? failed?.code ?? response.status}）：${failed?.message ?? body.message ?? ''}`;
  return { ok: false, message, fields };
}
