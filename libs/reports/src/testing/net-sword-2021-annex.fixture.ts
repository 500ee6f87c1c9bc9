// Test fixture: the 37 rows of the 2021 annex as printed at the end of the campaign plan (附件), in printed
// order, with a few values filled in. Full-width punctuation throughout, as on the plan's first page.
import type { AnnexReport, AnnexRow } from '../../../domain/src/annex/types.js';

export const ANNEX_TITLE = '2021网络市场监管专项行动情况统计表';
export const ANNEX_NOTE =
  '注：如查处的同一网络违法案件属于同时违反多个法律法规的，原则上按照涉及的最主要的违法问题进行分类（不重复计算），请在备注中予以说明。';

const CAC = '网信部门';
const TELECOM = '电信主管部门';
const POLICE = '公安部门';
const CUSTOMS = '海关';
const FORESTRY = '林草局';
const POSTAL = '邮政管理部门';
const DRUGS = '市场监管部门（药监部门）';
const SAMR = '市场监管部门';

/** [id, group, label, unit] as printed. */
const PRINTED: readonly (readonly [string, string, string, string])[] = [
  ['cac-1', CAC, '清理网上违法违规信息', '万条'],
  ['cac-2', CAC, '督促互联网企业关闭违法违规账号', '个'],
  ['cac-3', CAC, '整治违法违规收集使用个人信息APP', '个'],
  ['tel-1', TELECOM, '处置违法违规互联网应用（网站、APP等）', '家'],
  ['pol-1', POLICE, '清理网上违法有害信息', '条'],
  ['pol-2', POLICE, '查处网络违法案件', '件'],
  ['pol-3', POLICE, '查处违法违规网络平台', '个'],
  ['pol-4', POLICE, '查处网络犯罪案件', '件'],
  ['cus-1', CUSTOMS, '寄递渠道查获侵权货物', '批次'],
  ['cus-2', CUSTOMS, '寄递渠道查获侵权货物', '件'],
  ['for-1', FORESTRY, '向公安机关、市场监管部门、网信部门和邮政部门提交网上非法交易野生动植物线索数量', '条'],
  ['for-2', FORESTRY, '配合公安机关、市场监管部门、网信部门和邮政部门查处网上非法交易野生动植物案件数量', '件'],
  ['pos-1', POSTAL, '检查邮政企业、快递企业', '家次'],
  ['pos-2', POSTAL, '查处违法违规行为', '次'],
  ['drg-1', DRUGS, '检查药品网络交易服务第三方平台', '家次'],
  ['drg-2', DRUGS, '检查药品网络销售企业', '家次'],
  ['drg-3', DRUGS, '检查医疗器械网络销售企业', '家次'],
  ['drg-4', DRUGS, '检查医疗器械网络交易服务第三方平台', '家次'],
  ['drg-5', DRUGS, '检查化妆品网络销售企业', '家次'],
  ['drg-6', DRUGS, '责令医疗器械网络交易服务第三方平台整改', '家次'],
  ['drg-7', DRUGS, '责令医疗器械网络销售企业整改（包括：下架、删除、更正违法违规商品信息，关闭违法违规页面等）', '家次'],
  ['drg-8', DRUGS, '药品网络销售违法违规行为立案调查案件', '件'],
  ['drg-9', DRUGS, '查处医疗器械网络销售企业违法违规案件', '件'],
  ['drg-10', DRUGS, '查处医疗器械网络交易服务第三方平台未履行平台义务案件', '件'],
  ['drg-11', DRUGS, '查处利用网络销售违法化妆品案件', '件'],
  ['sa-1', SAMR, '网上检查网站、网店', '个次'],
  ['sa-2', SAMR, '督促网络交易平台删除违法商品信息', '条'],
  ['sa-3', SAMR, '责令整改网站', '个次'],
  ['sa-4', SAMR, '已提请关闭网站', '个次'],
  ['sa-5', SAMR, '已责令停止平台服务的网店', '个次'],
  ['sa-6', SAMR, '查处网络侵权销售假冒伪劣商品案件', '件'],
  ['sa-7', SAMR, '查处电子商务平台未履行平台义务案件', '件'],
  ['sa-8', SAMR, '查处电子商务经营者未履行市场主体公示义务案件', '件'],
  ['sa-9', SAMR, '查处互联网不正当竞争案件', '件'],
  ['sa-10', SAMR, '查处互联网不正当价格行为案件', '件'],
  ['sa-11', SAMR, '查处虚假违法互联网广告案件', '件'],
  ['sa-12', SAMR, '查处其他违法违规案件', '件'],
];

/** Values by row id; rows not listed are 0. */
const VALUES: Record<string, number | null> = {
  'cac-1': 1.2345, // 12,345 条 in 万条
  'cac-2': 17,
  'tel-1': null, // the scope reports nothing for this group
  'pol-1': 52310,
  'sa-1': 12480,
  'sa-6': 9,
  'sa-11': 4,
};

const REMARKS: Record<string, string> = {
  'sa-6': '其中2件同时涉及虚假违法互联网广告，1件同时涉及不正当价格行为',
};

export function netSword2021Rows(): AnnexRow[] {
  return PRINTED.map(([id, group, label, unit]) => ({
    id,
    group,
    label,
    unit,
    value: id in VALUES ? (VALUES[id] ?? null) : 0,
    remark: REMARKS[id] ?? '',
  }));
}

export function netSword2021Report(): AnnexReport {
  return { campaign: 'net-sword-2021', scope: 'region:653100', from: '2021-09-01', to: '2021-12-15', rows: netSword2021Rows() };
}
