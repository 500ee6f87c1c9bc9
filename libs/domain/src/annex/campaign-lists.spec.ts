// Issue 17 §6 for the lists: the draw lists and warning lists are per campaign, found beside the campaign's
// definition by the one campaign-file loader, and a record is judged by the lists of the campaign its time falls in.
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { warningFor, warningListsAt, warningListsOf } from '../coordination/warning-lists/warning-lists.js';
import { linkExclusions } from '../coordination/correlation/exclusions.js';
import { drawListsAt, drawListsOf, inspectorsOf, type DrawCampaignData } from '../draws/draw-campaign.js';
import { validateIntake } from '../intake/validate-intake.js';
import { campaignDataFile } from './campaign-files.js';
import { EXAMPLE_CAMPAIGNS_DIR, withCampaignDirs, withExampleFiles } from './testing/campaign-dirs.js';

const Y2021 = 'net-sword-2021';
const Y2022 = 'net-sword-2022';
const T2021 = '2021-10-15T10:00:00+08:00';
const T2022 = '2022-09-15T10:00:00+08:00';
const withExamples = <T>(run: () => T): T => withCampaignDirs(EXAMPLE_CAMPAIGNS_DIR, run);

const lead = (time: string, phone: string): Record<string, unknown> => ({
  id: '6f1c0a52-4c55-4bd4-9b6a-3c2f0f0e9a01',
  type: 'lead.reported',
  subject: 'lead/L-1',
  time,
  data: { channel: 'monitoring', category: 'counterfeit', summary: '网店销售假冒运动鞋', entities: [{ kind: 'phone', value: phone }] },
});
const draw = (time: string, item: string): Record<string, unknown> => ({
  id: '6f1c0a52-4c55-4bd4-9b6a-3c2f0f0e9a02',
  type: 'draw.committed',
  subject: 'draw/D-1',
  time,
  data: {
    item,
    region: '653100',
    sampleSize: 1,
    inspectorsPerTarget: 1,
    registerSeq: 1,
    targets: [],
    targetsHash: 'a'.repeat(64),
    inspectors: [{ id: 'I-1', name: '张伟', conflicts: [] }],
    inspectorsHash: 'b'.repeat(64),
    algorithm: 'net-sword/draw/v1',
    seedRule: 'joint-signature/v1',
  },
});
const intakeFields = (event: Record<string, unknown>): unknown => {
  const result = validateIntake([event], 'samr/653100', { maxBatch: 10 });
  return result.ok ? result.items[0]?.flags : result.error.fields;
};

describe('campaign list files', () => {
  it('given only the shipped campaign, then its draw and warning lists are found beside its definition and 2022 has none', () => {
    expect(campaignDataFile(Y2021, 'draw-lists')?.pathname).toMatch(/annex\/campaigns\/net-sword-2021\.draw-lists\.json$/);
    expect(drawListsOf(Y2021)?.campaign).toBe(Y2021);
    expect(warningListsOf(Y2021).version).toBe('2021-09-01.1');
    expect(drawListsOf(Y2022)).toBeUndefined();
  });

  it('given the example directory, when each campaign is asked, then each has its own items, inspectors and warnings', () => {
    withExamples(() => {
      const l2021 = drawListsOf(Y2021) as DrawCampaignData;
      const l2022 = drawListsOf(Y2022) as DrawCampaignData;
      expect(l2022.items.map((i) => i.id)).toContain('key-05');
      expect(l2021.items.map((i) => i.id)).not.toContain('key-05');
      expect(inspectorsOf('samr/653100', l2022).map((i) => i.id)).toContain('I-samr-653100-06');
      expect(inspectorsOf('samr/653100', l2022).map((i) => i.id)).not.toContain('I-samr-653100-05');
      expect(warningListsOf(Y2022).version).toBe('2022-08-01.1-example');
      expect([warningFor(warningListsOf(Y2022), 'phone', '95152')?.why, warningFor(warningListsOf(Y2021), 'phone', '95152')]).toEqual(['抖音客服热线（示例）', undefined]);
      expect([warningFor(warningListsOf(Y2021), 'phone', '95315')?.warning, warningFor(warningListsOf(Y2022), 'phone', '95315')]).toEqual(['已知平台客服号码', undefined]);
    });
  });

  it('given a time, when the lists are asked for it, then they are those of the campaign the time falls in', () => {
    withExamples(() => {
      expect(drawListsAt(T2021).campaign).toBe(Y2021);
      expect(drawListsAt(T2022).lists?.campaign).toBe(Y2022);
      expect(warningListsAt(T2022).version).toBe('2022-08-01.1-example');
      expect(warningListsAt(T2021).version).toBe('2021-09-01.1');
      // No time: the current campaign's.
      expect(warningListsAt(undefined).version).toBe('2022-08-01.1-example');
    });
  });

  it('given two campaigns, then correlation never links by a value that either campaign lists', () => {
    withExamples(() => {
      expect(linkExclusions().has('phone:95152')).toBe(true);
      expect(linkExclusions().has('phone:95315')).toBe(true);
    });
    expect(linkExclusions().has('phone:95152')).toBe(false);
  });

  it('given a campaign without list files, then it has no draw lists and empty warning lists with the default cap', () => {
    withExampleFiles(['net-sword-2022.json'], () => {
      expect(drawListsOf(Y2022)).toBeUndefined();
      expect(warningListsOf(Y2022)).toMatchObject({ version: 'none', maxLinkingKeysPerRecord: 20 });
      expect(warningListsOf(Y2022).byKey.size).toBe(0);
    });
  });

  it("given a list file naming another campaign, when loaded, then it is refused naming the file", () => {
    withExampleFiles(['net-sword-2022.json'], (dir) => {
      writeFileSync(join(dir, 'net-sword-2022.draw-lists.json'), JSON.stringify({ campaign: Y2021, items: [], inspectors: [] }));
      expect(() => drawListsOf(Y2022)).toThrow('campaigns/net-sword-2022.draw-lists.json: campaign must equal the file\'s campaign "net-sword-2022", got "net-sword-2021"');
    });
  });
});

describe('intake by the campaign of the event', () => {
  it("given leads of each campaign, then a value is flagged warning_list only by its own campaign's lists", () => {
    withExamples(() => {
      expect(intakeFields(lead(T2022, '95152'))).toContain('data.entities[0].value: warning_list');
      expect(intakeFields(lead(T2021, '95152'))).not.toContain('data.entities[0].value: warning_list');
      expect(intakeFields(lead(T2021, '95315'))).toContain('data.entities[0].value: warning_list');
      expect(intakeFields(lead(T2022, '95315'))).not.toContain('data.entities[0].value: warning_list');
    });
  });

  it("given draws of each campaign, then the item must be one of the draw's campaign's items", () => {
    withExamples(() => {
      expect(intakeFields(draw(T2022, 'key-05'))).toEqual([]);
      expect(intakeFields(draw(T2021, 'key-05'))).toEqual([{ path: '[0].data.item', message: 'must be a spot-check item of net-sword-2021: key-01, key-02, key-03, key-04, gen-01, gen-02, gen-03 (got "key-05")' }]);
    });
  });

  it('given a campaign without draw lists, then a draw in its time is refused naming the campaign', () => {
    withExampleFiles(['net-sword-2022.json'], () => {
      expect(intakeFields(draw(T2022, 'key-01'))).toEqual([
        { path: '[0].data.item', message: 'campaign net-sword-2022 has no draw lists (net-sword-2022.draw-lists.json): no draw can be committed in it' },
      ]);
      // A lead of that campaign is stored, just never warned about.
      expect(intakeFields(lead(T2022, '95188'))).toEqual(['data.entities[0].value: service_number']);
    });
  });
});
