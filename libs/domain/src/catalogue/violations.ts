import { codeList } from './code-list.js';

/**
 * Violation categories: lead `category`, case `primaryCategory` / `otherCategories`. They follow the
 * plan's section 二(五) and the annex rows, so each annex "查处…案件" row is one primaryCategory; a case
 * counts once, under its primary category (the annex note), and otherCategories feed the remarks.
 */
export const { codes: VIOLATION_CATEGORIES, is: isViolationCategory, labels: VIOLATION_CATEGORY_LABELS } = codeList({
  counterfeit: '网络侵权假冒伪劣',
  platform_obligation: '电商平台未履行平台义务',
  disclosure_obligation: '未履行市场主体公示义务',
  unfair_competition: '互联网不正当竞争',
  improper_pricing: '互联网不正当价格行为',
  illegal_advertising: '虚假违法互联网广告',
  prohibited_goods: '网络销售禁售限售商品',
  wildlife: '网上非法交易野生动植物',
  consumer_rights: '侵害消费者合法权益',
  personal_information: '违法违规收集使用个人信息',
  food_safety: '网络食品安全',
  drug_online_sales: '药品网络销售违法违规',
  device_online_sales: '医疗器械网络销售违法违规',
  device_platform_obligation: '医疗器械网络交易平台未履行平台义务',
  cosmetics_online_sales: '网络销售违法化妆品',
  other: '其他违法违规',
});
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];
