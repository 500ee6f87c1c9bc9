import { GUIDANCE_KIND_LABELS, GUIDANCE_KINDS, TRANSFER_DECISION_LABELS, TRANSFER_DECISIONS } from '../catalogue/actions.js';
import { CASE_KIND_LABELS, CASE_KINDS } from '../catalogue/cases.js';
import { DEPARTMENT_LABELS, REPORTING_DEPARTMENTS } from '../catalogue/departments.js';
import { SEIZURE_CHANNEL_LABELS, SEIZURE_CHANNELS, TAKEDOWN_ACTION_LABELS, TAKEDOWN_ACTIONS, TARGET_KIND_LABELS, TARGET_KINDS } from '../catalogue/enforcement.js';
import { LEAD_CHANNEL_LABELS, LEAD_CHANNELS } from '../catalogue/leads.js';
import {
  DISPLAY_STATE_LABELS,
  DISPLAY_STATES,
  OPERATOR_KIND_LABELS,
  OPERATOR_KINDS,
  SELF_OPERATED_LABELLING,
  SELF_OPERATED_LABELLING_LABELS,
} from '../catalogue/operators.js';
import { PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS } from '../catalogue/products.js';
import { regionsFor } from '../catalogue/regions.js';
import { VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS } from '../catalogue/violations.js';

/** One dropdown of the template: the codes events carry and the Chinese labels a clerk picks from. */
export interface EntryCodeList {
  /** Heading of its column on the template's hidden 代码表 sheet. */
  readonly title: string;
  readonly options: readonly { code: string; label: string }[];
  /** false: the dropdown suggests values but any text is kept (platforms are free text in the contract). */
  readonly strict: boolean;
}

const fromLabels = (title: string, codes: readonly string[], labels: Readonly<Record<string, string>>): EntryCodeList => ({
  title,
  options: codes.map((code) => ({ code, label: labels[code] ?? code })),
  strict: true,
});

// Platform names as departments write them in `platform`; a suggestion list, not a catalogue.
const PLATFORM_SUGGESTIONS = ['淘宝', '天猫', '京东', '拼多多', '抖音', '快手', '微信', '微博', '闲鱼', '美团', '饿了么'];

export const ENTRY_CODE_LISTS = {
  category: fromLabels('违法类别', VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS),
  leadChannel: fromLabels('线索来源', LEAD_CHANNELS, LEAD_CHANNEL_LABELS),
  takedownAction: fromLabels('处置方式', TAKEDOWN_ACTIONS, TAKEDOWN_ACTION_LABELS),
  targetKind: fromLabels('对象类型', TARGET_KINDS, TARGET_KIND_LABELS),
  seizureChannel: fromLabels('查获渠道', SEIZURE_CHANNELS, SEIZURE_CHANNEL_LABELS),
  caseKind: fromLabels('案件类型', CASE_KINDS, CASE_KIND_LABELS),
  department: fromLabels('部门', REPORTING_DEPARTMENTS, DEPARTMENT_LABELS),
  productCategory: fromLabels('商品类别', PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS),
  operatorKind: fromLabels('经营者类型', OPERATOR_KINDS, OPERATOR_KIND_LABELS),
  displayState: fromLabels('公示情况', DISPLAY_STATES, DISPLAY_STATE_LABELS),
  selfOperatedLabelling: fromLabels('自营标记', SELF_OPERATED_LABELLING, SELF_OPERATED_LABELLING_LABELS),
  guidanceKind: fromLabels('指导方式', GUIDANCE_KINDS, GUIDANCE_KIND_LABELS),
  transferDecision: fromLabels('立案决定', TRANSFER_DECISIONS, TRANSFER_DECISION_LABELS),
  yesNo: { title: '是否', options: [{ code: 'true', label: '是' }, { code: 'false', label: '否' }], strict: true },
  // The 2021 table is the one the campaign's template is for; a new table means a new template version.
  region: {
    title: '地区',
    options: regionsFor(2021).map((region) => ({ code: region.code, label: region.name })),
    strict: true,
  },
  platform: { title: '平台', options: PLATFORM_SUGGESTIONS.map((name) => ({ code: name, label: name })), strict: false },
} as const satisfies Record<string, EntryCodeList>;

export type EntryCodeListName = keyof typeof ENTRY_CODE_LISTS;

/**
 * The code for what a clerk typed: the label (as the dropdown offers it) or the code itself, so a
 * file filled by a departmental system with codes works too. Undefined when it is neither.
 */
export function codeFor(list: EntryCodeList, text: string): string | undefined {
  // Cells are read NFKC-folded (full-width brackets become ASCII), so labels are compared folded as well.
  const folded = text.normalize('NFKC');
  const found = list.options.find((option) => option.label === text || option.code === text || option.label.normalize('NFKC') === folded);
  if (found) return found.code;
  return list.strict ? undefined : text;
}
