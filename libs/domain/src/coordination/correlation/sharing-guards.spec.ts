import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../../integrity/envelope.js';
import { CorrelationEngine } from './engine.js';

function lead(unit: string, id: string, entities: [string, string][]): Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'> {
  return { type: 'lead.reported', source: unit, subject: `lead/${id}`, data: { entities: entities.map(([kind, value]) => ({ kind, value })) } };
}

const PHONE: [string, string] = ['phone', '13912345678'];

describe('over-correlation counted in distinct units', () => {
  it('given a cap of 3 and one unit reporting the same phone on 200 leads, when two other units report it, then the value is not over-correlating and they link', () => {
    const engine = new CorrelationEngine({ cap: 3 });
    for (let i = 0; i < 200; i++) expect(engine.ingest(lead('samr/653100', `F-${i}`, [PHONE])).overCorrelating).toEqual([]);
    expect(engine.unitCount('phone:13912345678')).toBe(1);
    expect(engine.isOverCorrelating('phone:13912345678')).toBe(false);

    const police = engine.ingest(lead('police/650100', 'P-1', [PHONE]));
    expect(police.findings.map((f) => f.type)).toEqual(['cluster.formed']);
    engine.ingest(lead('cac/652300', 'C-1', [PHONE]));
    const cluster = engine.clusterOf('cac/652300/lead/C-1');
    expect(cluster?.members).toHaveLength(202);
    expect(cluster?.members).toEqual(expect.arrayContaining(['police/650100/lead/P-1', 'cac/652300/lead/C-1', 'samr/653100/lead/F-199']));
    expect(engine.unitCount('phone:13912345678')).toBe(3);
  });

  it('given a cap of 3, when a fourth unit reports the value, then it is over-correlating, that unit does not link, and a first unit’s later lead still does', () => {
    const engine = new CorrelationEngine({ cap: 3 });
    engine.ingest(lead('samr/653100', 'A', [PHONE]));
    engine.ingest(lead('police/650100', 'B', [PHONE]));
    engine.ingest(lead('cac/652300', 'C', [PHONE]));
    expect(engine.ingest(lead('tax/654000', 'D', [PHONE])).overCorrelating).toEqual(['phone:13912345678']);
    expect(engine.clusterOf('tax/654000/lead/D')?.members).toEqual(['tax/654000/lead/D']);
    engine.ingest(lead('samr/653100', 'A2', [PHONE]));
    expect(engine.clusterOf('samr/653100/lead/A2')?.members).toHaveLength(4);
  });
});

describe('at most N linking keys per record', () => {
  const phones = (n: number, from = 0): [string, string][] => Array.from({ length: n }, (_, i) => ['phone', `1390000${String(from + i).padStart(4, '0')}`]);

  it('given a cap of 20 keys, when a lead reports 25 phones, then the first 20 link, the last 5 are reported beyond the cap and link nothing', () => {
    const engine = new CorrelationEngine({ maxKeys: 20 });
    const outcome = engine.ingest(lead('samr/653100', 'BIG', phones(25)));
    expect(outcome.beyondKeyCap).toEqual(phones(5, 20).map(([, v]) => `phone:${v}`));
    expect(engine.linkingKeysOf('samr/653100/lead/BIG')).toHaveLength(20);

    expect(engine.ingest(lead('police/650100', 'P-LATE', phones(1, 22))).findings).toEqual([]);
    expect(engine.ingest(lead('police/650100', 'P-EARLY', phones(1, 19))).findings.map((f) => f.type)).toEqual(['cluster.formed']);
  });

  it('given warning-listed values among the keys, when counted, then they do not use up the cap', () => {
    const engine = new CorrelationEngine({ maxKeys: 2 });
    const outcome = engine.ingest(lead('samr/653100', 'W', [['domain', 'taobao.com'], ['phone', '0571-88158198'], ...phones(3)]));
    expect(outcome.excluded).toEqual(['domain:taobao.com', 'phone:0571-88158198']);
    expect(outcome.beyondKeyCap).toEqual(['phone:13900000002']);
  });

  it('given a snapshot, when restored, then capped keys stay capped', () => {
    const engine = new CorrelationEngine({ maxKeys: 2 });
    engine.ingest(lead('samr/653100', 'S', phones(3)));
    const restored = CorrelationEngine.restore(engine.snapshot(), { maxKeys: 2 });
    expect(restored.linkingKeysOf('samr/653100/lead/S')).toEqual(['phone:13900000000', 'phone:13900000001']);
    expect(restored.ingest(lead('police/650100', 'P', phones(1, 2))).findings).toEqual([]);
  });
});
