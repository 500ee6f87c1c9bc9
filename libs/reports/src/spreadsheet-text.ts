// Formula (CSV) injection: a spreadsheet treats a cell that starts with = + - @ (or a tab / carriage return,
// which some importers strip before looking) as a formula, and a formula can run commands (DDE) or send the
// sheet's data away (HYPERLINK, WEBSERVICE). Text that reached an export from a submitted event (a referral's
// reason, a case number, a remark) is prefixed with an apostrophe, the prefix spreadsheets themselves use
// for "this is text" (OWASP's recommendation), so it is shown, never evaluated. Numbers are written as
// numbers and never pass through here.

const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` safe to put in a spreadsheet cell: starts with an apostrophe when it could be read as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Neutralises a cell value only when it is text. */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
