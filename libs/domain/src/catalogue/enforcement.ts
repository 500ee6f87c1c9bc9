import { codeList } from './code-list.js';

/**
 * Codes for the count-style enforcement events (takedown / inspection / rectification / seizure).
 * Each code exists because an annex row sums it; `other` keeps work that no row counts reportable.
 */
export const { codes: TAKEDOWN_ACTIONS, is: isTakedownAction, labels: TAKEDOWN_ACTION_LABELS } = codeList({
  info_removed: '清理违法违规信息',
  account_closed: '关闭违法违规账号',
  app_rectified: '整治违法违规收集使用个人信息APP',
  app_or_site_disposed: '处置违法违规互联网应用（网站、APP等）',
  listing_removed: '删除违法商品信息',
  site_closure_requested: '提请关闭网站',
  shop_service_stopped: '责令停止平台服务（网店）',
  website_closed: '关闭网站',
  other: '其他处置',
});
export type TakedownAction = (typeof TAKEDOWN_ACTIONS)[number];

/** What was inspected or ordered to rectify (inspection.recorded / rectification.ordered / case.opened). */
export const { codes: TARGET_KINDS, is: isTargetKind, labels: TARGET_KIND_LABELS } = codeList({
  drug_platform: '药品网络交易服务第三方平台',
  drug_seller: '药品网络销售企业',
  device_seller: '医疗器械网络销售企业',
  device_platform: '医疗器械网络交易服务第三方平台',
  cosmetics_seller: '化妆品网络销售企业',
  postal_express_company: '邮政企业、快递企业',
  website_or_shop: '网站、网店',
  website: '网站',
  platform: '网络平台',
  other: '其他',
});
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Where customs seized goods; the annex only has the postal/express channel (寄递渠道). */
export const { codes: SEIZURE_CHANNELS, is: isSeizureChannel, labels: SEIZURE_CHANNEL_LABELS } = codeList({
  postal_express: '寄递渠道',
});
export type SeizureChannel = (typeof SEIZURE_CHANNELS)[number];
