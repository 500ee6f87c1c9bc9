import { EntryFileError } from '../../../domain/src/entry/index.js';

// Magic numbers: an XLSX is a ZIP (PK\3\4); a password-protected XLSX is an OLE compound file holding
// the encrypted package (D0 CF 11 E0), as is a legacy .xls.
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

export type SpreadsheetKind = 'xlsx' | 'ole';

export function sniffSpreadsheet(file: Buffer): SpreadsheetKind | undefined {
  if (file.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (file.subarray(0, 8).equals(OLE_MAGIC)) return 'ole';
  return undefined;
}

export interface ZipLimits {
  /** Sum of the entries' declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Highest uncompressed/compressed ratio of any one entry; real XLSX parts stay far below it. */
  maxRatio: number;
}

/**
 * Refuses a zip bomb before anything inflates it, from the central directory's declared sizes (the
 * reader inflates through exceljs, which trusts them). A lying directory is caught by the row limit
 * and the byte cap at upload instead; this check is about the cheap, common bombs.
 */
export function checkZipSizes(file: Buffer, limits: ZipLimits): void {
  const eocd = findEndOfCentralDirectory(file);
  if (eocd < 0) throw new EntryFileError('NOT_A_SPREADSHEET', '文件已损坏或不是 Excel 文件（.xlsx）');
  const entries = file.readUInt16LE(eocd + 10);
  let offset = file.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i += 1) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw new EntryFileError('NOT_A_SPREADSHEET', '文件已损坏或不是 Excel 文件（.xlsx）');
    }
    const compressed = file.readUInt32LE(offset + 20);
    const uncompressed = file.readUInt32LE(offset + 24);
    total += uncompressed;
    if (total > limits.maxUncompressedBytes || uncompressed > Math.max(compressed, 1) * limits.maxRatio) {
      throw new EntryFileError('FILE_TOO_LARGE', '文件解压后过大（疑似压缩炸弹），已拒绝');
    }
    offset += 46 + file.readUInt16LE(offset + 28) + file.readUInt16LE(offset + 30) + file.readUInt16LE(offset + 32);
  }
}

function findEndOfCentralDirectory(file: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 65_535); i -= 1) {
    if (file.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}
