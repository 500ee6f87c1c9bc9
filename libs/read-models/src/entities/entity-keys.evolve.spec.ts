import { describe, expect, it } from '@jest/globals';
import { positioned } from '../testing/positioned.js';
import { entityKeyRowsOf } from './entity-keys.evolve.js';

const UNIT = 'samr/653100';

describe('entityKeyRowsOf', () => {
  it('given a lead with two spellings of one shop, a phone and a bad value, when indexed, then one row per distinct correlation key', () => {
    const e = positioned(7, UNIT, 'lead.reported', 'lead/L-1', {
      entities: [
        { kind: 'shop_url', value: 'https://shop123456.taobao.com/?spm=a1z10' },
        { kind: 'shop_url', value: 'http://SHOP123456.taobao.com/index.htm' },
        { kind: 'phone', value: '+86 138 0013 8000' },
        { kind: 'uscc', value: 'not-a-code' },
      ],
    });
    expect(entityKeyRowsOf(e)).toEqual([
      { seq: 7, key: 'shop_url:taobao:shop:123456', recordType: 'lead', unit: UNIT, recordId: 'L-1', department: 'samr', region: '653100' },
      { seq: 7, key: 'phone:13800138000', recordType: 'lead', unit: UNIT, recordId: 'L-1', department: 'samr', region: '653100' },
    ]);
  });

  it('given a case.opened, when indexed, then its keys name the case', () => {
    const e = positioned(8, UNIT, 'case.opened', 'case/C-1', { entities: [{ kind: 'uscc', value: '91110000600037341L' }] });
    expect(entityKeyRowsOf(e)).toEqual([{ seq: 8, key: 'uscc:91110000600037341L', recordType: 'case', unit: UNIT, recordId: 'C-1', department: 'samr', region: '653100' }]);
  });

  it('given events that carry no entity keys of their own (a correction, a referral, a cluster), when indexed, then no rows', () => {
    expect(entityKeyRowsOf(positioned(9, UNIT, 'lead.corrected', 'lead/L-1', { reason: '更正', summary: 'x' }))).toEqual([]);
    expect(entityKeyRowsOf(positioned(10, UNIT, 'lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '653100', reason: 'x' }))).toEqual([]);
    expect(entityKeyRowsOf(positioned(11, 'joint/650000', 'cluster.formed', 'cluster/X', { members: [], keys: ['phone:13800138000'] }))).toEqual([]);
  });
});
