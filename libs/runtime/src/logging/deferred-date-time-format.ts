// An Intl.DateTimeFormat that builds the real formatter on its first use. Building any formatter pages in ~5 MiB of
// ICU data from the node binary (and ~2 MiB of ICU code), in every process that does it: @nestjs/common builds two
// when it loads, for a timestamp ConsoleLogger no longer asks them for (service-logger.ts), so a department
// service that never formats a date in a zone keeps those pages out of its RSS (issue 16: the hub ≤ 2 GiB).

type DateTimeFormatConstructor = typeof Intl.DateTimeFormat;

/**
 * A constructor like `real` whose instances build their formatter when first asked to format (or for their
 * options). They are `instanceof real`. Unlike `real`, invalid options throw at that first use, not at `new`:
 * install it only around code that builds formatters from constant options (see defer-intl.ts).
 */
export function deferredDateTimeFormat(real: DateTimeFormatConstructor): DateTimeFormatConstructor {
  function DeferredDateTimeFormat(this: unknown, ...args: ConstructorParameters<DateTimeFormatConstructor>): Intl.DateTimeFormat {
    let built: Intl.DateTimeFormat | undefined;
    const formatter = (): Intl.DateTimeFormat => (built ??= new real(...args));
    const deferred = Object.create(real.prototype) as Intl.DateTimeFormat;
    // Own properties shadow the prototype's methods, which work only on a real formatter.
    Object.defineProperties(deferred, {
      format: { get: () => formatter().format },
      formatToParts: { value: (date?: Date | number) => formatter().formatToParts(date) },
      formatRange: { value: (start: Date | number, end: Date | number) => formatter().formatRange(start, end) },
      formatRangeToParts: { value: (start: Date | number, end: Date | number) => formatter().formatRangeToParts(start, end) },
      resolvedOptions: { value: () => formatter().resolvedOptions() },
    });
    return deferred;
  }
  Object.defineProperty(DeferredDateTimeFormat, 'supportedLocalesOf', { value: real.supportedLocalesOf.bind(real) });
  DeferredDateTimeFormat.prototype = real.prototype;
  return DeferredDateTimeFormat as unknown as DateTimeFormatConstructor;
}
