// Imported (through service-logger.ts) before anything loads @nestjs/common: while Nest's modules are evaluated,
// `new Intl.DateTimeFormat` is deferred (deferred-date-time-format.ts), so the two formatters Nest builds at load
// time touch no ICU data unless they are used. service-logger.ts puts the real constructor back right after.
import { deferredDateTimeFormat } from './deferred-date-time-format.js';

const real = Intl.DateTimeFormat;
Intl.DateTimeFormat = deferredDateTimeFormat(real);

/** Puts the real constructor back: every formatter built from here on is built at `new`, as always. */
export function restoreDateTimeFormat(): void {
  Intl.DateTimeFormat = real;
}
