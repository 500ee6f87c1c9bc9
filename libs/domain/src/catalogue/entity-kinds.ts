import { codeList } from './code-list.js';

/**
 * Kinds of identifier a lead or case may carry in `entities: [{kind, value}]`. Only the kind is a
 * catalogue fact; how each value is normalised into a correlation key lives elsewhere.
 */
export const { codes: ENTITY_KINDS, is: isEntityKind, labels: ENTITY_KIND_LABELS } = codeList({
  uscc: '统一社会信用代码',
  phone: '手机号码',
  domain: '网站域名',
  shop_url: '网店链接',
  listing_url: '商品链接',
  app_id: 'APP包名',
  platform_account: '平台账号',
  waybill: '快递运单号',
});
export type EntityKind = (typeof ENTITY_KINDS)[number];
