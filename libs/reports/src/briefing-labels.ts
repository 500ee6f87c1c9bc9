import { DEPARTMENT_LABELS, PRODUCT_CATEGORY_LABELS, regionName, VIOLATION_CATEGORY_LABELS, CASE_KIND_LABELS } from '@hub/domain';

/** Chinese labels for codes shown in the briefing (codes pass through when unknown). */
export const departmentLabel = (code: string): string => DEPARTMENT_LABELS[code as keyof typeof DEPARTMENT_LABELS] ?? code;
export const unitLabel = (unit: string | null): string => {
  if (!unit) return '';
  const [department = '', region = ''] = unit.split('/');
  return `${regionName(region) ?? region}${departmentLabel(department)}`;
};
export const categoryLabel = (code: string | null): string => (code ? (VIOLATION_CATEGORY_LABELS[code as keyof typeof VIOLATION_CATEGORY_LABELS] ?? code) : '');
/** A product focus code's label; leads without one read 未填写商品类别. */
export const productLabel = (code: string | null): string => (code ? (PRODUCT_CATEGORY_LABELS[code as keyof typeof PRODUCT_CATEGORY_LABELS] ?? code) : '未填写商品类别');
export const caseKindLabel = (code: string | null): string => (code ? (CASE_KIND_LABELS[code as keyof typeof CASE_KIND_LABELS] ?? code) : '');
export const clockLabel = (clock: 'answer' | 'feedback'): string => (clock === 'answer' ? '接收答复' : '处理结果反馈');

/** "2021-12-05T10:00:00.000Z" → "2021-12-05 18:00" in Beijing time. */
export function beijingTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export const yuan = (value: number | null): string => (value === null ? '' : value.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 }));

/** Section 九 before the joint office has signed any checkpoint (HTML and XLSX say the same). */
export const NO_CHECKPOINT_TEXT = '联席会议办公室尚未签署事件日志检查点。';
