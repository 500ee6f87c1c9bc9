// Builders of real-world-shaped upload files for the specs: the template as downloaded, then edited the
// way clerks edit it (exceljs), plus hand-made ZIPs for the hostile cases.
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { NET_SWORD_2021 } from '../../../../domain/src/annex/campaigns.js';
import { entrySheetsFor } from '../../../../domain/src/entry/index.js';
import { renderEntryTemplate } from '../entry-template-xlsx.js';

export async function templateFor(department: string): Promise<Buffer> {
  return renderEntryTemplate(entrySheetsFor(department, NET_SWORD_2021), { unitLabel: '测试单位', maxRows: 20_000 });
}

/** The department's template, edited by `fill`, saved again as Excel would. */
export async function filledTemplate(department: string, fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await templateFor(department)).buffer);
  fill(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A ZIP (deflate) of the given entries, written by hand so a spec can make any shape, bombs included. */
export function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
