// Row heights for wrapped Chinese text. Excel neither stores nor (reliably) recomputes the height of a row
// whose cells wrap, so a printed form with long labels needs explicit heights; these estimate them.

/**
 * Width of a text in Excel column-width units (the 7 px width of "0" in the default Calibri 11). At 11 pt,
 * a 宋体 CJK or full-width character is ~14.7 px (2.1 units) and an ASCII one ~7.3 px (1.05 units).
 * Overestimating only leaves some white space; underestimating would clip the printed text.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0xff ? 2.1 : 1.05;
  return width;
}

/** Lines a text wraps to in a column `columnWidth` units wide (about one unit goes to cell padding). */
export function wrappedLines(text: string, columnWidth: number): number {
  const usable = Math.max(1, columnWidth - 1);
  return text.split('\n').reduce((lines, part) => lines + Math.max(1, Math.ceil(textWidth(part) / usable)), 0);
}

/** Points per text line at a given font size (Excel's row height for one line is ~1.3 × the font size). */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.3 * 4) / 4;
}

/** Row height in points for the given number of lines, with breathing room above and below. */
export function rowHeightFor(lines: number, fontSize: number, minimum: number): number {
  return Math.max(minimum, lines * lineHeight(fontSize) + 8);
}
