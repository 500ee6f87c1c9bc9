// Nest's console log lines with their timestamp written without Intl (ICU), see defer-intl.ts. Imported first by
// every service's entry point; its first import must stay first: it defers the formatters @nestjs/common builds
// as it loads.
import { restoreDateTimeFormat } from './defer-intl.js';
import { ConsoleLogger } from '@nestjs/common';

restoreDateTimeFormat(); // @nestjs/common is loaded: only its own formatters were deferred

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * `12/07/2026, 9:05:03 AM`: the local time as Nest's ConsoleLogger writes it in the en-US locale (its formatter
 * asks for 2-digit month and day, a numeric year and a 12-hour clock).
 */
export function consoleTimestamp(at: Date): string {
  const hours = at.getHours();
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${twoDigits(at.getMinutes())}:${twoDigits(at.getSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${twoDigits(at.getMonth() + 1)}/${twoDigits(at.getDate())}/${at.getFullYear()}, ${clock}`;
}

// On the prototype, not in a subclass handed to Nest: Nest gives each `new Logger(context, { timestamp })` a
// ConsoleLogger of its own (that is where the `+12ms` after its lines comes from), and every one of them must
// write this timestamp. getTimestamp is ConsoleLogger's documented hook for it (protected, hence the cast).
(ConsoleLogger.prototype as unknown as { getTimestamp(): string }).getTimestamp = () => consoleTimestamp(new Date());
