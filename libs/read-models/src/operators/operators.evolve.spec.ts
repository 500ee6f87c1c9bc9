import { describe, expect, it } from '@jest/globals';
import { positioned } from '../testing/positioned.js';
import { evolveOperator, operatorKeyOf } from './operators.evolve.js';

const UNIT = 'samr/653100';
const registered = positioned(1, UNIT, 'operator.registered', 'operator/OP-1', {
  kind: 'platform_shop',
  name: '喀什某某服饰专营店',
  uscc: '9165 3100 MA78 A1B2 C8',
  platform: 'taobao',
  shopId: '123456',
  domain: 'https://WWW.Shop-Example.cn/',
  licenceDisplay: 'shown',
  permitDisplay: 'not_required',
  markDisplay: 'missing',
  region: '653100',
});
const updated = (seq: number, data: Record<string, unknown>) => positioned(seq, UNIT, 'operator.updated', 'operator/OP-1', { note: '复核', ...data }, { version: seq });

describe('evolveOperator', () => {
  it('given nothing, when registered, then an entry with canonical USCC and domain and a derived display status', () => {
    expect(evolveOperator(undefined, registered)).toMatchObject({
      unit: UNIT,
      operatorId: 'OP-1',
      kind: 'platform_shop',
      uscc: '91653100MA78A1B2C8',
      domain: 'shop-example.cn',
      displayStatus: 'deficient',
      selfDeclared: false,
      registeredAt: '2021-10-08T09:30:00+08:00',
    });
  });

  it('given an entry, when the missing mark is displayed, then compliant and the rest unchanged', () => {
    const state = evolveOperator(evolveOperator(undefined, registered), updated(2, { markDisplay: 'shown' }));
    expect(state).toMatchObject({ markDisplay: 'shown', displayStatus: 'compliant', name: '喀什某某服饰专营店', shopId: '123456', version: 2, lastSeq: 2 });
  });

  it('given a registered operator, when it turns out to be self-declared, then the USCC is cleared', () => {
    const state = evolveOperator(evolveOperator(undefined, registered), updated(2, { selfDeclared: true }));
    expect(state).toMatchObject({ selfDeclared: true, uscc: null });
  });

  it('given a self-declared operator, when a USCC arrives, then registered and no longer self-declared', () => {
    const declared = evolveOperator(undefined, positioned(1, UNIT, 'operator.registered', 'operator/OP-1', { ...registered.event.data, uscc: undefined, selfDeclared: true }));
    expect(evolveOperator(declared, updated(2, { uscc: '91653100MA78A1B2C8' }))).toMatchObject({ selfDeclared: false, uscc: '91653100MA78A1B2C8' });
  });

  it('keys entries by unit and id (two units may both register OP-1)', () => {
    const other = positioned(3, 'samr/650100', 'operator.registered', 'operator/OP-1', registered.event.data);
    expect(operatorKeyOf(registered)).not.toEqual(operatorKeyOf(other));
    expect(operatorKeyOf(positioned(4, UNIT, 'lead.reported', 'lead/L-1', {}))).toBeUndefined();
  });
});
