// Clerks' data entry: the spreadsheet template's sheets and columns, and turning uploaded rows into
// the same submissions the API takes (pure; the XLSX reading and writing live in @hub/reports).
export * from './cell-values.js';
export * from './code-lists.js';
export * from './entry-errors.js';
export * from './entry-id.js';
export * from './parse-entry.js';
export * from './template.js';
