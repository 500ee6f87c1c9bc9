// Accounts on online platforms, reported as "<platform>:<account>".
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

export const ACCOUNT_PLATFORMS = [
  'taobao', 'tmall', 'jd', 'pinduoduo', 'douyin', 'kuaishou', 'wechat', 'weibo', 'xianyu', 'other',
] as const;
export type AccountPlatform = (typeof ACCOUNT_PLATFORMS)[number];

// Common abbreviations and the Chinese product names, so that "pdd:", "拼多多:" and
// "pinduoduo:" all land on one key. Matched after lowercasing.
const PLATFORM_ALIASES: Readonly<Record<string, AccountPlatform>> = {
  tb: 'taobao',
  '淘宝': 'taobao',
  '天猫': 'tmall',
  jingdong: 'jd',
  '京东': 'jd',
  pdd: 'pinduoduo',
  yangkeduo: 'pinduoduo',
  '拼多多': 'pinduoduo',
  dy: 'douyin',
  tiktok_cn: 'douyin',
  '抖音': 'douyin',
  ks: 'kuaishou',
  '快手': 'kuaishou',
  wx: 'wechat',
  weixin: 'wechat',
  '微信': 'wechat',
  '微博': 'weibo',
  goofish: 'xianyu',
  '闲鱼': 'xianyu',
  '其他': 'other',
};

const MAX_ACCOUNT_LENGTH = 128;
// Control characters and line breaks cannot be part of any platform's account name and
// would make the key ambiguous in logs and exports.
const CONTROL = /\p{Cc}/u;

export interface PlatformAccount {
  readonly platform: AccountPlatform;
  readonly account: string;
  /** "<platform>:<account>", e.g. "douyin:shop_123". */
  readonly canonical: string;
}

export function resolveAccountPlatform(raw: string): AccountPlatform | undefined {
  const name = raw.trim().toLowerCase();
  return (ACCOUNT_PLATFORMS as readonly string[]).includes(name) ? (name as AccountPlatform) : PLATFORM_ALIASES[name];
}

export function normalisePlatformAccount(raw: string): Parsed<PlatformAccount> {
  const text = cleanText(raw);
  const colon = text.indexOf(':');
  if (colon < 0) {
    return fail('platform account must be "<platform>:<account>", e.g. "douyin:shop_123"');
  }
  const platform = resolveAccountPlatform(text.slice(0, colon));
  if (platform === undefined) {
    return fail(`account platform ${quote(text.slice(0, colon))} is not one of ${ACCOUNT_PLATFORMS.join(', ')}`);
  }
  // Case is kept: several platforms treat display names case-sensitively, and merging two
  // different accounts is worse for correlation than missing a match. A leading "@" is
  // only the way people write handles, not part of the account.
  const account = text.slice(colon + 1).trim().replace(/^@/, '');
  if (account === '') {
    return fail('platform account name is empty');
  }
  if (account.length > MAX_ACCOUNT_LENGTH) {
    return fail(`platform account name is longer than ${MAX_ACCOUNT_LENGTH} characters`);
  }
  if (CONTROL.test(account)) {
    return fail('platform account name contains control characters');
  }
  return ok({ platform, account, canonical: `${platform}:${account}` });
}
