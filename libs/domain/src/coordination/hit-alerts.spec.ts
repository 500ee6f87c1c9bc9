import { describe, expect, it } from '@jest/globals';
import { hitAlerts, type HitAlertInput } from './hit-alerts.js';

const KEY = 'uscc:91110000600037341L';
const unitOf = (ref: string): string => ref.split('/').slice(0, 2).join('/');

/** The holder functions over records on KEY in arrival order, as the correlation engine answers them. */
function holders(refs: string[], isOpen: (ref: string) => boolean = () => true): Pick<HitAlertInput, 'unitsOf' | 'firstOpenHolder'> {
  return {
    unitsOf: (key) => (key === KEY ? [...new Set(refs.map(unitOf))] : []),
    firstOpenHolder: (key, unit) => (key === KEY ? refs.find((ref) => unitOf(ref) === unit && isOpen(ref)) : undefined),
  };
}

const RECORDS = ['samr/653100/lead/S-1', 'samr/653100/lead/S-2', 'cac/652300/lead/C-1', 'police/650100/lead/P-0', 'police/650100/lead/P-1'];

function given(overrides: Partial<HitAlertInput> = {}): HitAlertInput {
  return {
    member: 'police/650100/lead/P-1',
    keys: [KEY],
    ...holders(RECORDS),
    recordedAt: '2021-10-08T09:30:00+08:00',
    queued: new Set(),
    ...overrides,
  };
}

describe('hit alerts', () => {
  it('given two other units with open leads on the USCC, when police reports it, then each unit gets one alert naming its first open record', () => {
    const alerts = hitAlerts(given());
    expect(alerts.map((a) => [a.data.toDepartment, a.data.toRegion, a.data.recordRef, a.data.otherRef, a.data.day])).toEqual([
      ['samr', '653100', 'samr/653100/lead/S-1', 'police/650100/lead/P-1', '2021-10-08'],
      ['cac', '652300', 'cac/652300/lead/C-1', 'police/650100/lead/P-1', '2021-10-08'],
    ]);
    expect(alerts[0]?.subject).toBe(`hit/${alerts[0]?.data.alertId ?? ''}`);
    expect(alerts[0]?.data.alertId).toMatch(/^samr-653100-20211008-[0-9a-f]{16}$/);
  });

  it('given the reporter’s own unit holds the value, when it reports again, then it is not alerted about itself', () => {
    expect(hitAlerts(given(holders(['police/650100/lead/P-0', 'police/650100/lead/P-1'])))).toEqual([]);
  });

  it('given a unit whose only record on the value is closed, when another unit reports it, then no alert; an open one is used instead when there is one', () => {
    const closed = new Set(['samr/653100/lead/S-1']);
    const open = (ref: string): boolean => !closed.has(ref);
    const alerts = hitAlerts(given(holders(RECORDS, open)));
    expect(alerts.map((a) => a.data.recordRef)).toEqual(['samr/653100/lead/S-2', 'cac/652300/lead/C-1']);
    closed.add('samr/653100/lead/S-2');
    expect(hitAlerts(given(holders(RECORDS, open))).map((a) => a.data.toDepartment)).toEqual(['cac']);
  });

  it('given an alert already queued today, when another report comes the same local day, then no second alert; the next local day there is one again', () => {
    const first = hitAlerts(given());
    const queued = new Set(first.map((a) => a.key));
    // 23:59 local on the same day (15:59Z) — still 2021-10-08 in Xinjiang's hub time (Asia/Shanghai).
    expect(hitAlerts(given({ member: 'police/650100/lead/P-2', recordedAt: '2021-10-08T15:59:00Z', queued }))).toEqual([]);
    const next = hitAlerts(given({ member: 'police/650100/lead/P-3', recordedAt: '2021-10-08T16:00:00Z', queued }));
    expect(next.map((a) => a.data.day)).toEqual(['2021-10-09', '2021-10-09']);
    expect(next.map((a) => a.id)).not.toEqual(first.map((a) => a.id));
  });

  it('given a unit already alerted today, when another unit reports the value again, then that unit\'s records are not looked at again', () => {
    const looked: string[] = [];
    const spy = holders(RECORDS);
    const counting: Pick<HitAlertInput, 'unitsOf' | 'firstOpenHolder'> = { ...spy, firstOpenHolder: (key, unit) => (looked.push(unit), spy.firstOpenHolder(key, unit)) };
    const queued = new Set(hitAlerts(given(counting)).map((a) => a.key));
    looked.length = 0;
    expect(hitAlerts(given({ ...counting, member: 'police/650100/lead/P-2', queued }))).toEqual([]);
    expect(looked).toEqual([]);
  });

  it('given the same inputs, when computed twice, then the ids are the same (a replay is deduplicated by id)', () => {
    expect(hitAlerts(given()).map((a) => a.id)).toEqual(hitAlerts(given()).map((a) => a.id));
  });
});
