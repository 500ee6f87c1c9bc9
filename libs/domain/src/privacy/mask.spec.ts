import type { Briefing } from '@hub/contracts';
import { maskAccount, maskEntityKey, maskPersonalData, maskPhone, maskWaybill } from './mask.js';
import { maskBriefing } from './mask-briefing.js';

describe('masking personal data', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0991-1234567', '0991-***4567'],
    ['010-12345678', '010-****5678'],
  ])('given the phone %s, when masked, then %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each([
    ['zhangsan88', 'z********8'],
    ['张三的小店', '张***店'],
    ['ab', '**'],
  ])('given the account %s, when masked, then %s (first and last kept, length kept)', (account, masked) => expect(maskAccount(account)).toBe(masked));

  it('given a waybill with its carrier, when masked, then the carrier and 4 + 4 characters stay', () => {
    expect(maskWaybill('SF:SF1234567890123')).toBe('SF:SF12*******0123');
    expect(maskWaybill('12345678')).toBe('********');
  });

  it.each([
    ['phone:13812345678', 'phone:138****5678'],
    ['platform_account:taobao:zhangsan88', 'platform_account:taobao:z********8'],
    ['waybill:YTO:YT9876543210', 'waybill:YTO:YT98****3210'],
    ['uscc:91110000600037341L', 'uscc:91110000600037341L'],
    ['domain:example.cn', 'domain:example.cn'],
    ['shop_url:taobao:shop:123456', 'shop_url:taobao:shop:123456'],
  ])('given the cluster key %s, when masked, then %s (businesses stay whole)', (key, masked) => expect(maskEntityKey(key)).toBe(masked));

  it.each([
    ['涉嫌犯罪，联系人电话13812345678。', '涉嫌犯罪，联系人电话138****5678。'],
    ['电话 +86 138 1234 5678 或 0998-2345678', '电话 +86 138****5678 或 0998-***5678'],
    ['订单号 202110081381234567890 不是电话', '订单号 202110081381234567890 不是电话'],
    ['案号 喀市监处罚〔2021〕1号', '案号 喀市监处罚〔2021〕1号'],
  ])('given the text %s, when masked, then %s', (text, masked) => expect(maskPersonalData(text)).toBe(masked));

  it('given a masked value, when masked again, then nothing changes', () => {
    for (const value of ['138****5678', '0991-***4567', '电话138****5678']) expect(maskPersonalData(value)).toBe(value);
    expect(maskEntityKey(maskEntityKey('phone:13812345678'))).toBe('phone:138****5678');
  });
});

describe('maskBriefing', () => {
  const briefing = {
    overdue: { total: 1, byDepartment: [{ department: 'police', count: 1, items: [{ referralId: 'R-1', reason: '卖家电话13812345678' }] }] },
    newClusters: [{ clusterId: 'c-1', members: ['samr/653100/lead/L-1'], keys: ['phone:13900000001', 'uscc:91110000600037341L'] }],
    annex: { rows: [{ id: 'sa-1', remark: '' }] },
  } as unknown as Briefing;

  it('given a briefing with a phone in a reason and in a cluster key, when masked, then both are masked and ids and USCCs are not', () => {
    const masked = maskBriefing(briefing);
    expect(masked.overdue.byDepartment[0]?.items[0]).toMatchObject({ referralId: 'R-1', reason: '卖家电话138****5678' });
    expect(masked.newClusters[0]).toMatchObject({ clusterId: 'c-1', members: ['samr/653100/lead/L-1'], keys: ['phone:139****0001', 'uscc:91110000600037341L'] });
    expect(briefing.newClusters[0]?.keys[0]).toBe('phone:13900000001');
  });
});
