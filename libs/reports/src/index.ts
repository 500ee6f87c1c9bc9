// @hub/reports: renderings of the statistics annex (附件 情况统计表) for download — the printed form as
// XLSX and a plain CSV table. Pure functions of an AnnexReport; the gateway picks the format and file name.
export { renderAnnexCsv, ANNEX_CSV_HEADER } from './annex-csv.js';
export { renderAnnexXlsx, ANNEX_SHEET_NAME, type AnnexXlsxMeta } from './annex-xlsx.js';
export { formatReportDate } from './annex-values.js';
export { renderBriefingHtml } from './briefing-html.js';
export { renderBriefingXlsx, BRIEFING_SHEETS } from './briefing-xlsx.js';
export { renderEntryTemplate, TEMPLATE_VALIDATED_ROWS, type EntryTemplateMeta } from './entry/entry-template-xlsx.js';
export { readEntryFile, DEFAULT_ENTRY_LIMITS, type EntryFileLimits } from './entry/read-entry-file.js';
export { renderDrawPublicationCsv, DRAW_PUBLICATION_HEADER, type PublishedDraw } from './draw-publication-csv.js';
