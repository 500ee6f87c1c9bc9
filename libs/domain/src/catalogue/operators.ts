import { codeList } from './code-list.js';

/**
 * What kind of e-commerce operator an operator register entry is (operator.registered `kind`). The plan
 * asks to 摸清辖区电子商务经营者特别是平台经营者底数 (二(一)一); the telecom authorities' survey of data
 * centres, access and content-delivery providers (二(六)五) uses the same register with its own kinds.
 */
export const { codes: OPERATOR_KINDS, is: isOperatorKind, labels: OPERATOR_KIND_LABELS } = codeList({
  platform: '电子商务平台经营者',
  self_run_site: '自建网站经营者',
  platform_shop: '平台内经营者（网店）',
  app: 'APP经营者',
  mini_program: '小程序经营者',
  idc: '互联网数据中心（IDC）',
  access_provider: '互联网接入服务商',
  cdn: '内容分发网络（CDN）服务商',
});
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

/** The kinds only the telecom survey registers (a shop id or ICP filing is not asked of them the same way). */
export const TELECOM_OPERATOR_KINDS: readonly OperatorKind[] = ['idc', 'access_provider', 'cdn'];

/**
 * Whether a licence, permit or mark is displayed on the operator's pages (亮照 / 亮证 / 亮标, plan 二(一)一):
 * `not_required` when the operator needs no permit (亮证) or holds no mark (亮标).
 */
export const { codes: DISPLAY_STATES, is: isDisplayState, labels: DISPLAY_STATE_LABELS } = codeList({
  shown: '已公示',
  missing: '未公示',
  not_required: '无需公示',
});
export type DisplayState = (typeof DISPLAY_STATES)[number];

/**
 * The register's overall display status, derived (never submitted): `compliant` when nothing required is
 * missing, `deficient` otherwise — what the plan's 依法打击未经信息公示开展经营活动 looks for.
 */
export const { codes: DISPLAY_STATUSES, is: isDisplayStatus, labels: DISPLAY_STATUS_LABELS } = codeList({
  compliant: '亮照亮证亮标齐全',
  deficient: '存在未公示',
});
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

/**
 * Whether a platform marks its own goods apart from third-party sellers' (区分标记自营和非自营, plan 二(一)一).
 * Only platforms are asked.
 */
export const { codes: SELF_OPERATED_LABELLING, is: isSelfOperatedLabelling, labels: SELF_OPERATED_LABELLING_LABELS } = codeList({
  labelled: '已区分标记自营和非自营',
  unlabelled: '未区分标记',
  no_self_operated: '无自营业务',
});
export type SelfOperatedLabelling = (typeof SELF_OPERATED_LABELLING)[number];

/** The three display states of an operator, as the derived status reads them. */
export interface DisplayStates {
  licence: string;
  permit: string;
  mark: string;
}

/** Pure: `deficient` as soon as one of 亮照 / 亮证 / 亮标 is `missing`. */
export function displayStatusOf(states: DisplayStates): DisplayStatus {
  return [states.licence, states.permit, states.mark].includes('missing') ? 'deficient' : 'compliant';
}
