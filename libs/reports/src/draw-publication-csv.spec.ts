import { describe, expect, it } from '@jest/globals';
import { renderDrawPublicationCsv, type PublishedDraw } from './draw-publication-csv.js';

const draw: PublishedDraw = {
  id: 'samr-653100-draw-D-1',
  unit: 'samr/653100',
  itemLabel: '电子商务经营者亮照、亮证、亮标情况',
  committedAt: '2021-10-08T02:00:00Z',
  revealedAt: '2021-10-08T02:00:05Z',
  targetCount: 4,
  commitHash: 'abc',
  seed: 'f00d',
  selected: [
    { operator: 'samr/653100/operator/OP-1', inspectors: [{ name: '张*' }, { name: '王*' }] },
    { operator: 'samr/653100/operator/OP-2', inspectors: [{ name: '=HYPERLINK("x")' }] },
  ],
  skipped: [{ operator: 'samr/653100/operator/OP-1', name: '李*' }],
  results: [{ targetKind: 'website_or_shop', count: 2, recordedAt: '2021-10-20T02:00:00Z' }],
};

describe('the 公示 CSV of draws', () => {
  it('given a revealed draw with a withdrawn inspector and results, then one line per drawn operator, masked names as given, formulas neutralised', () => {
    const lines = renderDrawPublicationCsv([draw], (unit) => (unit === 'samr/653100' ? '喀什地区市场监督管理局' : unit)).split('\r\n');
    expect(lines[0]).toBe('\uFEFF抽查编号,抽查单位,抽查事项,承诺时间,揭示时间,名录对象数,承诺哈希,随机种子,抽中经营者,检查人员,回避人员,检查结果（户次）');
    expect(lines[1]).toBe('samr-653100-draw-D-1,喀什地区市场监督管理局,电子商务经营者亮照、亮证、亮标情况,2021-10-08T02:00:00Z,2021-10-08T02:00:05Z,4,abc,f00d,samr/653100/operator/OP-1,张*、王*,李*,2');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines).toHaveLength(4);
  });

  it('given a draw not yet revealed, then one line that says so', () => {
    const { revealedAt: _r, seed: _s, selected: _x, skipped: _k, ...committed } = draw;
    const lines = renderDrawPublicationCsv([{ ...committed, results: [] }]).split('\r\n');
    expect(lines[1]).toBe('samr-653100-draw-D-1,samr/653100,电子商务经营者亮照、亮证、亮标情况,2021-10-08T02:00:00Z,（待揭示）,4,abc,,,,,0');
  });
});
