// The services' Nest logger: Nest's ConsoleLogger, whose timestamp is written without Intl (ICU), see
// defer-intl.ts. The first import must stay first: it defers the formatters @nestjs/common builds as it loads.
import { restoreDateTimeFormat } from './defer-intl.js';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

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

export class ServiceLogger extends ConsoleLogger {
  protected override getTimestamp(): string {
    return consoleTimestamp(new Date());
  }
}

/** The logger every service hands Nest (its log levels as before: error, warn and log). */
export function serviceLogger(levels: LogLevel[] = ['error', 'warn', 'log']): ServiceLogger {
  return new ServiceLogger({ logLevels: levels });
}
