// 双随机、一公开: the publication (公示) of draws and their results as a plain table, one line per drawn operator
// (a draw with nothing revealed yet, one line saying so). Person names arrive masked (张*), conflict reasons withheld.
import { neutraliseFormula } from './spreadsheet-text.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** What the publication says about one draw (the gateway's masked view). */
export interface PublishedDraw {
  id: string;
  unit: string;
  itemLabel: string;
  committedAt: string;
  revealedAt?: string;
  targetCount: number;
  commitHash: string;
  seed?: string;
  selected?: { operator: string; inspectors: { name: string }[] }[];
  skipped?: { operator: string; name: string }[];
  results: { targetKind: string; count: number; recordedAt: string }[];
}

export const DRAW_PUBLICATION_HEADER = ['抽查编号', '抽查单位', '抽查事项', '承诺时间', '揭示时间', '名录对象数', '承诺哈希', '随机种子', '抽中经营者', '检查人员', '回避人员', '检查结果（户次）'] as const;

function field(raw: string | number): string {
  const text = typeof raw === 'number' ? String(raw) : neutraliseFormula(raw);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV (UTF-8 with BOM for Excel, RFC 4180). `unitLabel` names units in Chinese. */
export function renderDrawPublicationCsv(draws: readonly PublishedDraw[], unitLabel: (unit: string) => string = (unit) => unit): string {
  const lines = [DRAW_PUBLICATION_HEADER.map(field).join(',')];
  for (const d of draws) {
    const results = d.results.reduce((sum, r) => sum + r.count, 0);
    const common = [d.id, unitLabel(d.unit), d.itemLabel, d.committedAt, d.revealedAt ?? '（待揭示）', d.targetCount, d.commitHash, d.seed ?? ''];
    const selected = d.selected ?? [];
    if (selected.length === 0) lines.push([...common, '', '', '', results].map(field).join(','));
    for (const s of selected) {
      const withdrew = (d.skipped ?? []).filter((k) => k.operator === s.operator).map((k) => k.name);
      lines.push([...common, s.operator, s.inspectors.map((i) => i.name).join('、'), withdrew.join('、'), results].map(field).join(','));
    }
  }
  return BOM + lines.map((line) => line + CRLF).join('');
}
