import { describe, expect, it } from '@jest/globals';
import { positioned } from '../testing/positioned.js';
import { evolveNotification, notificationKey, notificationKeyOf } from './notifications.evolve.js';

const ALERT = 'samr-653100-20211008-3f2a9c1b7d4e5a60';
const alerted = positioned(7, 'joint/650000', 'hit.alerted', `hit/${ALERT}`, {
  alertId: ALERT,
  toDepartment: 'samr',
  toRegion: '653100',
  key: 'uscc:91110000600037341L',
  recordRef: 'samr/653100/lead/L-1',
  otherRef: 'police/650100/lead/P-9',
  day: '2021-10-08',
});
const feedback = (seq: number, unit: string, verdict: string, note?: string) =>
  positioned(seq, unit, 'hit.feedback', `hit/${ALERT}`, { alertId: ALERT, verdict, key: 'uscc:91110000600037341L', recordRef: 'samr/653100/lead/L-1', otherRef: 'police/650100/lead/P-9', ...(note ? { note } : {}) });

describe('evolveNotification', () => {
  it('given a joint hit.alerted, when keyed, then it is the addressed unit’s row, not the joint office’s', () => {
    expect(notificationKeyOf(alerted)).toBe(notificationKey('samr/653100', ALERT));
  });

  it('given nothing, when alerted, then the row names the value, both records and the other unit', () => {
    expect(evolveNotification(undefined, alerted)).toMatchObject({
      unit: 'samr/653100',
      alertId: ALERT,
      alerted: true,
      entityKey: 'uscc:91110000600037341L',
      otherUnit: 'police/650100',
      day: '2021-10-08',
      alertSeq: 7,
      verdict: null,
    });
  });

  it('given an alert, when the unit confirms and later calls it a false positive, then the latest verdict stands', () => {
    const confirmed = evolveNotification(evolveNotification(undefined, alerted), feedback(9, 'samr/653100', 'confirmed', '同一经营者'));
    expect(confirmed).toMatchObject({ verdict: 'confirmed', verdictNote: '同一经营者', verdictSeq: 9, alerted: true });
    expect(evolveNotification(confirmed, feedback(12, 'samr/653100', 'false_positive'))).toMatchObject({ verdict: 'false_positive', verdictNote: null, verdictSeq: 12 });
  });

  it('given another unit’s feedback on the same id, when keyed, then it lands in that unit’s own row (which has no alert and is never listed)', () => {
    const forged = feedback(10, 'police/650100', 'false_positive');
    expect(notificationKeyOf(forged)).toBe(notificationKey('police/650100', ALERT));
    expect(evolveNotification(undefined, forged)).toMatchObject({ unit: 'police/650100', alerted: false, verdict: 'false_positive' });
  });

  it('given a hit.alerted not published by the joint office, when keyed, then it is ignored', () => {
    expect(notificationKeyOf(positioned(3, 'samr/653100', 'hit.alerted', `hit/${ALERT}`, alerted.event.data))).toBeUndefined();
  });
});
