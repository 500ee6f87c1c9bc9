import { describe, expect, it } from '@jest/globals';
import { extractKeys, memberRefOf } from './extract.js';

const lead = (entities: unknown[], source = 'samr/653100', subject = 'lead/L-1') => ({ type: 'lead.reported', source, subject, data: { entities } });

describe('extractKeys', () => {
  it('given a Taobao shop URL with spm tracking and the same shop over plain http, when extracted, then both give one key', () => {
    const tracked = extractKeys(lead([{ kind: 'shop_url', value: 'https://shop123456.taobao.com/?spm=a230r.7195193.1997079397.2' }]));
    const plain = extractKeys(lead([{ kind: 'shop_url', value: 'http://shop123456.taobao.com' }], 'police/650100'));
    expect(tracked?.keys).toEqual(['shop_url:taobao:shop:123456']);
    expect(plain?.keys).toEqual(tracked?.keys);
  });

  it('given a USCC with a bad check character and an unparseable phone, when extracted, then the USCC is kept and flagged and the phone skipped', () => {
    const extracted = extractKeys(
      lead([
        { kind: 'uscc', value: '91310110666007217X' },
        { kind: 'phone', value: 'call me' },
        { kind: 'uscc', value: '9131 0110 6660 0721 7X' },
      ]),
    );
    expect(extracted).toMatchObject({
      member: 'samr/653100/lead/L-1',
      department: 'samr',
      region: '653100',
      keys: ['uscc:91310110666007217X'],
      flagged: [{ key: 'uscc:91310110666007217X', flags: ['uscc_checksum_invalid'] }],
      skipped: [{ index: 1, kind: 'phone', error: expect.stringContaining('neither a mainland mobile') }],
    });
  });

  it('given a case.opened event, when extracted, then the member is a case reference', () => {
    const extracted = extractKeys({ type: 'case.opened', source: 'police/650100', subject: 'case/C-1', data: { entities: [{ kind: 'phone', value: '13812345678' }] } });
    expect(extracted).toMatchObject({ member: 'police/650100/case/C-1', keys: ['phone:13812345678'] });
  });

  it('given another event type or a malformed subject, when extracted, then there is nothing to correlate', () => {
    expect(extractKeys({ type: 'takedown.recorded', source: 'samr/653100', subject: 'takedown/T-1', data: {} })).toBeUndefined();
    expect(memberRefOf({ source: 'samr/653100', subject: 'takedown/T-1' })).toBeUndefined();
  });
});
