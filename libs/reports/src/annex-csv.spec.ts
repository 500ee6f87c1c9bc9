import { describe, expect, it } from '@jest/globals';
import { ANNEX_CSV_HEADER, renderAnnexCsv } from './annex-csv.js';
import { netSword2021Report } from './testing/net-sword-2021-annex.fixture.js';

/** A strict RFC 4180 reader (CRLF records, quoted fields), to prove the output reads back as written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let fieldText = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        fieldText += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else fieldText += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(fieldText);
      fieldText = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(fieldText);
      records.push(record);
      record = [];
      fieldText = '';
      i++;
    } else fieldText += ch;
  }
  if (fieldText !== '' || record.length > 0) throw new Error('last record is not terminated by CRLF');
  return records;
}

describe('renderAnnexCsv', () => {
  it('given the 2021 annex, when rendered, then it starts with a UTF-8 BOM and the header, one CRLF line per row', () => {
    const csv = renderAnnexCsv(netSword2021Report());
    expect(csv.startsWith('\uFEFFid,group,label,unit,value,remark\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parseCsv(csv.slice(1));
    expect(records[0]).toEqual([...ANNEX_CSV_HEADER]);
    expect(records).toHaveLength(1 + 37);
    expect(records.every((r) => r.length === 6)).toBe(true);
  });

  it('given a 万条 decimal, a null, a zero and a remark, when rendered, then values are plain numbers and null is empty', () => {
    const records = parseCsv(renderAnnexCsv(netSword2021Report()).slice(1));
    expect(records[1]).toEqual(['cac-1', '网信部门', '清理网上违法违规信息', '万条', '1.2345', '']);
    expect(records[3]?.[4]).toBe('0');
    expect(records[4]).toEqual(['tel-1', '电信主管部门', '处置违法违规互联网应用（网站、APP等）', '家', '', '']);
    expect(records[5]?.[4]).toBe('52310'); // no digit grouping
    expect(records[31]?.[5]).toBe('其中2件同时涉及虚假违法互联网广告，1件同时涉及不正当价格行为');
    expect(records[37]?.slice(0, 3)).toEqual(['sa-12', '市场监管部门', '查处其他违法违规案件']);
  });

  it('given commas, quotes and line breaks in text, when rendered, then those fields are quoted with quotes doubled', () => {
    const csv = renderAnnexCsv({
      campaign: 'c',
      scope: 'all',
      rows: [
        { id: 'x-1', group: 'A,B', label: 'say "hi"', unit: '件', value: 3, remark: 'line 1\nline 2' },
        { id: 'x-2', group: 'plain', label: 'cr\rhere', unit: '件', value: 0.0001, remark: '' },
      ],
    });
    expect(csv).toBe(
      '\uFEFFid,group,label,unit,value,remark\r\n' +
        'x-1,"A,B","say ""hi""",件,3,"line 1\nline 2"\r\n' +
        'x-2,plain,"cr\rhere",件,0.0001,\r\n',
    );
    expect(parseCsv(csv.slice(1))[1]).toEqual(['x-1', 'A,B', 'say "hi"', '件', '3', 'line 1\nline 2']);
  });

  it('given floating-point noise, when rendered, then the value is printed at the annex resolution of 4 decimals', () => {
    const row = { id: 'a', group: 'g', label: 'l', unit: '万条', value: 0.1 + 0.2, remark: '' };
    const csv = renderAnnexCsv({ campaign: 'c', scope: 'all', rows: [row] });
    expect(csv.split('\r\n')[1]).toBe('a,g,l,万条,0.3,');
  });

  it('given no rows, when rendered, then it is the BOM and the header line only', () => {
    expect(renderAnnexCsv({ campaign: 'c', scope: 'all', rows: [] })).toBe('\uFEFFid,group,label,unit,value,remark\r\n');
  });
});
