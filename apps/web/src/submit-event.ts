// Submitting one event from a form: the gateway's 400 names failing paths (`data.count`, or `[0].data.count`
// in a batch); they come back keyed by form field so each message can sit next to its field.
import type { ApiErrorBody } from '@hub/contracts';
import { headers } from './api';

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

// The server's validation messages are English (they are the API contract's); the common ones in Chinese.
const CHINESE: [RegExp, string][] = [
  [/wrong check character/i, '统一社会信用代码校验位错误'],
  [/required unless selfDeclared/i, '请填写统一社会信用代码，或打开“自我声明”'],
  [/required for kind platform_shop/i, '平台内经营者必填'],
  [/required for kind platform/i, '平台经营者必填'],
  [/ICP filing number/i, 'ICP备案号格式不正确'],
  [/^uscc:/i, '统一社会信用代码格式不正确（应为18位）'],
  [/^phone:/i, '手机号码格式不正确'],
  [/^(domain|shop_url|listing_url):/i, '网址或域名格式不正确'],
  [/^app_id:/i, 'APP包名格式不正确'],
  [/^platform_account:/i, '平台账号应写成“平台:账号”'],
  [/^waybill:/i, '快递运单号格式不正确'],
  [/is required/i, '必填'],
  [/must be an id/i, '编号只能由字母、数字、- 和 _ 组成（1至128位）'],
  [/must be an integer|whole number/i, '应为不小于0的整数'],
  [/must be an amount/i, '应为金额（元），最多两位小数'],
  [/must be one of/i, '不是可选值'],
  [/timestamp|RFC 3339/i, '日期时间格式不正确'],
];

/** The server's message for a field in Chinese where it is a known one, else under a Chinese lead-in. */
export function chineseMessage(message: string): string {
  const known = CHINESE.find(([pattern]) => pattern.test(message));
  return known ? `${known[1]}（${message}）` : `服务器校验未通过：${message}`;
}

/** A unit's quota refused the submission (429 / 507): said in Chinese, with the limit. */
function quotaMessage(code: string | undefined, limit: number | undefined): string | undefined {
  if (code === 'QUOTA_EVENTS_PER_DAY') return `本单位今日报送的事件已达上限（每日 ${limit ?? '—'} 条），请于北京时间零点后再提交`;
  if (code === 'QUOTA_STORED_BYTES') return `本单位在平台存储的数据已达上限（${limit ?? '—'} 字节），请联系联席会议办公室调整配额`;
  return undefined;
}

/**
 * Refusals by the department's rules about whom a request is addressed to (referrals, 7×24 closures, transfers to
 * the police): said in Chinese, the server's own words kept after it for the record.
 */
const RULE_MESSAGES: Record<string, string> = {
  NOT_ADDRESSED_TO_YOU: '该请求不是发给本单位的，本单位不能答复',
  UNKNOWN_REFERRAL: '平台上没有这条移送（可能尚未登记或编号有误）',
  UNKNOWN_CLOSURE: '平台上没有这条紧急关停请求（可能尚未登记或编号有误）',
  UNKNOWN_TRANSFER: '该案件没有移送本系统公安机关的记录（可能尚未登记或编号有误）',
  CASE_TRANSFER_ALREADY_ANSWERED: '该移送案件已经答复过，不能再次答复',
  SELF_REFERRAL: '不能移送给本单位自己',
  REFERRAL_EXISTS: '本单位已有同一编号的移送',
};

function ruleMessage(code: string | undefined, serverMessage: string): string | undefined {
  const known = code === undefined ? undefined : RULE_MESSAGES[code];
  return known === undefined ? undefined : `${known}（${serverMessage}）`;
}

export async function submitEvent(department: string, event: SubmittedForm, keyInData?: string): Promise<SubmitOutcome> {
  // As every other write: a signed-in person's session needs its CSRF token, which this request used to leave out.
  const response = await fetch(`/api/v1/departments/${department}/events`, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }, true),
    body: JSON.stringify(event),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<ApiErrorBody> & { results?: { duplicate?: boolean; error?: { code: string; message: string } }[] };
  if (response.status === 201) return { ok: true, duplicate: body.results?.[0]?.duplicate === true };
  const fields: Record<string, string> = {};
  for (const problem of body.fields ?? []) {
    const field = fieldOf(problem.path, keyInData);
    fields[field] = fields[field] ? `${fields[field]}；${chineseMessage(problem.message)}` : chineseMessage(problem.message);
  }
  const failed = body.results?.find((result) => result.error)?.error;
  const code = body.code ?? failed?.code;
  const serverMessage = failed?.message ?? body.message ?? '';
  const message =
    quotaMessage(body.code, body.quota?.limit) ??
    ruleMessage(code, serverMessage) ??
    (response.status === 400 ? '提交的内容有误，请按字段提示修改' : `未能提交（${code ?? response.status}）：${serverMessage}`);
  return { ok: false, message, fields };
}
