/**
 * Whether `text` could be JSON at all: JSON.parse skips leading whitespace, then a value starts with one of
 * `{ [ " -`, a digit, or `t f n` (true, false, null). Anything else throws, whatever follows.
 */
export function couldBeJson(text: string): boolean {
  return /^[ \t\n\r]*[{["\-0-9tfn]/.test(text);
}
