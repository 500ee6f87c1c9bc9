// What this module produces must pass the hub's own submission validation: the same DTOs that
// departmental systems are held to hold for the joint office too.
import { describe, expect, it } from '@jest/globals';
import { validateEvent } from '../events/validate.js';
import type { HubEvent } from '../integrity/envelope.js';
import { CorrelationEngine } from './correlation/index.js';
import { deterministicEventId } from './event-ids.js';
import { jurisdictionSubjectOf, suggestJurisdiction } from './jurisdiction.js';
import { decideReferralLifecycle, evolveReferralLifecycle, overdueClocks, overdueEvent } from './referral.js';

const TIME = '2021-10-12T09:00:00+08:00';

function submit(department: string, event: { id?: string; type: string; subject: string; data: object }, key: string) {
  return validateEvent({ id: event.id ?? deterministicEventId(key), type: event.type, subject: event.subject, time: TIME, data: event.data }, department);
}

const lead = (unit: string, id: string, entities: [string, string][]): HubEvent => ({
  id: `e-${unit}-${id}`,
  type: 'lead.reported',
  source: unit,
  subject: `lead/${id}`,
  time: TIME,
  recordedAt: TIME,
  version: 1,
  data: { category: 'counterfeit', channel: 'monitoring', summary: 's', entities: entities.map(([kind, value]) => ({ kind, value })) },
  prevHash: null,
  hash: 'h',
  sig: 's',
});

describe('produced events against the catalogue', () => {
  it('given cluster findings and manual decisions, when submitted as joint, then they validate', () => {
    const engine = new CorrelationEngine();
    const findings = [
      lead('samr/653100', 'L-1', [['shop_url', 'https://shop123456.taobao.com/?spm=a']]),
      lead('police/650100', 'L-7', [['shop_url', 'http://shop123456.taobao.com'], ['phone', '13900000001']]),
      lead('cac/650000', 'L-9', [['phone', '13900000001']]),
    ].flatMap((e) => engine.ingest(e).findings);
    expect(findings.map((f) => f.type)).toEqual(['cluster.formed', 'cluster.grown']);
    for (const finding of findings) expect(submit('joint', finding, finding.key)).toMatchObject({ ok: true });

    const unlink = engine.decideUnlink({ clusterId: 'samr-653100-lead-L-1', members: ['cac/650000/lead/L-9'], reason: '误关联' });
    if (!unlink.ok) throw unlink.error;
    expect(submit('joint', unlink, 'u')).toMatchObject({ ok: true });
    engine.applyUnlinked(unlink.data);
    const link = engine.decideLink({ clusterId: 'samr-653100-lead-L-1', members: ['cac/650000/lead/L-9'], reason: '复核' });
    if (!link.ok) throw link.error;
    expect(submit('joint', link, 'l')).toMatchObject({ ok: true });
  });

  it('given a referral, an overdue clock and a jurisdiction suggestion, when submitted, then they validate', () => {
    const refer = decideReferralLifecycle(
      { type: 'refer', unit: 'samr/653100', leadId: 'L-1', referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪' },
      undefined,
    );
    if (!refer.ok) throw refer.error;
    expect(submit('samr', refer.event, 'r')).toMatchObject({ ok: true });
    const state = evolveReferralLifecycle(undefined, { ...lead('samr/653100', 'L-1', []), type: 'lead.referred', data: refer.event.data as unknown as Record<string, unknown> });
    const answer = decideReferralLifecycle({ type: 'answer', unit: 'police/650100', from: 'samr/653100', referralId: 'R-1', decision: 'returned', reason: '材料不全' }, state);
    if (!answer.ok) throw answer.error;
    expect(submit('police', answer.event, 'a')).toMatchObject({ ok: true });
    const [clock] = overdueClocks(state, '2021-12-01T00:00:00Z');
    if (clock === undefined) throw new Error('expected an overdue clock');
    expect(submit('joint', overdueEvent(clock), clock.key)).toMatchObject({ ok: true });

    const { suggestion } = suggestJurisdiction({
      ...lead('samr/653100', 'L-2', [['shop_url', 'http://shop123456.taobao.com']]),
      data: { category: 'platform_obligation', platform: '淘宝', entities: [] },
    });
    if (suggestion === undefined) throw new Error('expected a suggestion');
    expect(submit('joint', { type: 'jurisdiction.suggested', subject: jurisdictionSubjectOf(suggestion.leadSubject), data: suggestion }, 'j')).toMatchObject({ ok: true });
    // The plain `lead/<id>` would put every unit's L-2 on one chain: refused, naming the field.
    expect(submit('joint', { type: 'jurisdiction.suggested', subject: 'lead/L-2', data: suggestion }, 'j2')).toMatchObject({ ok: false });
  });
});
