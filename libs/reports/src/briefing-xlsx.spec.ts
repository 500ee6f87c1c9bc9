import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { BRIEFING_SHEETS, renderBriefingXlsx } from './briefing-xlsx.js';
import { NO_CHECKPOINT_TEXT } from './briefing-labels.js';
import { emptyBriefing } from './testing/briefing.fixture.js';

async function checkpointSheet(logCheckpoint: ReturnType<typeof emptyBriefing>['logCheckpoint']): Promise<ExcelJS.Worksheet | undefined> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await renderBriefingXlsx({ ...emptyBriefing(), logCheckpoint })).buffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([...BRIEFING_SHEETS]);
  return workbook.getWorksheet('事件日志检查点');
}

describe('the briefing workbook prints the log checkpoint (section 九, as the HTML does)', () => {
  it('given a signed checkpoint at the cut-off, when rendered as XLSX, then its last sheet holds when it was signed (Beijing time), the tree size, the sequence and the whole root', async () => {
    const root = 'ab'.repeat(32);
    const sheet = await checkpointSheet({ treeSize: 1_234, uptoSeq: 1_300, root, signedAt: '2021-12-05T01:00:00.000Z' });
    expect(sheet?.getRow(2).values).toEqual([undefined, '签署时间', '事件数', '至流序号', '默克尔树根哈希']);
    expect(sheet?.getRow(3).values).toEqual([undefined, '2021-12-05 09:00', 1_234, 1_300, root]);
  });

  it('given no checkpoint signed yet, when rendered as XLSX, then the sheet says so', async () => {
    const sheet = await checkpointSheet(null);
    expect(sheet?.getCell('A3').text).toBe(NO_CHECKPOINT_TEXT);
    expect(sheet?.rowCount).toBe(3);
  });
});
