import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REPORTING_DEPARTMENTS } from '@hub/domain';
import { demoCampaign } from '../scripts/demo/campaign.js';
import { runDemo, type DemoProgress } from '../scripts/demo/run.js';
import { TestHub } from './support/test-hub.js';

/** The demo runs twice through the public API: longer than the suites' default. */
const DEMO_TIMEOUT_MS = 240_000;

describe('npm run demo: a realistic campaign through the public API', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: REPORTING_DEPARTMENTS, projector: true });
  }, DEMO_TIMEOUT_MS);

  afterAll(async () => {
    await hub?.stop();
  });

  it('given two regions of the campaign, when the demo runs twice, then every event is stored once and the views show referrals, typical cases and readiness', async () => {
    const campaign = demoCampaign({ regions: ['650100', '653100'] });
    const events = [...campaign.facts, ...campaign.answers].reduce((sum, batch) => sum + batch.events.length, 0);
    const phases = new Set<string>();
    const first = await runDemo(hub.url, hub.credentials, campaign, (progress: DemoProgress) => phases.add(progress.phase));
    expect(first).toMatchObject({ stored: events, duplicates: 0 });
    expect([...phases]).toEqual(['facts', 'projection', 'answers']);

    const again = await runDemo(hub.url, hub.credentials, campaign);
    expect(again).toMatchObject({ stored: 0, duplicates: events });
    await hub.projected();

    const coordinator = { token: hub.credentials.coordinator };
    const referrals = (await (await hub.get('/api/v1/referrals?limit=1000', coordinator)).json()) as { total: number; items: { status: string; crossDepartment: boolean }[] };
    expect(referrals.total).toBe(campaign.referrals);
    // Some never answered (overdue on the board), most answered, many with feedback.
    expect([...new Set(referrals.items.map((r) => r.status))]).toEqual(expect.arrayContaining(['sent', 'fed_back']));
    const typical = (await (await hub.get('/api/v1/cases?typical=true&decided=true', coordinator)).json()) as { total: number };
    expect(typical.total).toBeGreaterThan(10);
    const readiness = (await (await hub.get('/api/v1/readiness?region=653100', coordinator)).json()) as { total: number; complete: number };
    expect(readiness.total).toBe(12); // a prefecture: every addressed department but 药监
    expect(readiness.complete).toBeGreaterThan(0);
    expect(readiness.complete).toBeLessThan(12);
    // Two cases transferred to the police (国务院令第310号): the first region's police opened a case, the second's never answered.
    const transfers = (await (await hub.get('/api/v1/transfers', coordinator)).json()) as { items: { fromUnit: string; toUnit: string; status: string; policeCaseId: string | null; overdue: boolean }[] };
    // (The answer is recorded now, the transfer dated 2021: the answered one counts as answered late, so its overdue flag is not asserted.)
    expect(transfers.items.map((t) => [t.fromUnit, t.toUnit, t.status, t.policeCaseId]).sort()).toEqual([
      ['samr/650100', 'police/650100', 'opened', 'GA-650100-T1'],
      ['samr/653100', 'police/653100', 'transferred', null],
    ]);
    expect(transfers.items.find((t) => t.status === 'transferred')?.overdue).toBe(true);
  }, DEMO_TIMEOUT_MS);
});
