// Value and text rules shared by every rendering of the statistics annex, so CSV and XLSX print the
// same figure for the same cell.

/**
 * The annex's finest unit is one 条 expressed in 万条 (1/10000 = 0.0001), so four decimals keep every real
 * figure exactly while dropping binary floating-point noise (1.2345000000000002 → 1.2345).
 */
export const ANNEX_DECIMALS = 4;

const SCALE = 10 ** ANNEX_DECIMALS;

/**
 * Rounds a cell value to the annex's resolution; null (the scope reports nothing for the row) stays null.
 * A non-finite number is a bug upstream: it would print as garbage or corrupt the workbook, so refuse it.
 */
export function annexCellValue(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new RangeError(`annex value must be a finite number, got ${value}`);
  const rounded = Math.round(value * SCALE) / SCALE;
  return rounded === 0 ? 0 : rounded; // no "-0" in print
}

/** The printed row text: the label followed by its unit in full-width parentheses, e.g. "清理网上违法违规信息（万条）". */
export function annexRowText(label: string, unit: string): string {
  return unit === '' ? label : `${label}（${unit}）`;
}

/** Consecutive rows with the same printed group label form one merged group cell. */
export interface GroupRun {
  group: string;
  /** Index of the run's first row in the report's rows. */
  first: number;
  /** Index of the run's last row (inclusive). */
  last: number;
}

export function groupRuns(groups: readonly string[]): GroupRun[] {
  const runs: GroupRun[] = [];
  groups.forEach((group, i) => {
    const current = runs.at(-1);
    if (current && current.group === group) current.last = i;
    else runs.push({ group, first: i, last: i });
  });
  return runs;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The printed form's "填报日期：  月  日" filled in as "12月5日". A date-only string is a local date already
 * (campaign dates are kept that way) and is taken as is; an instant is shown in the campaign's time zone,
 * because an annex filed at 2021-12-05 01:00 in Urumqi must not print 12月4日 because the server runs UTC.
 */
export function formatReportDate(date: Date | string, timeZone = 'Asia/Shanghai'): string {
  if (typeof date === 'string') {
    const match = ISO_DATE.exec(date);
    if (match) {
      const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
      // Round-trip through UTC to reject impossible dates such as 2021-02-30.
      const check = new Date(Date.UTC(year, month - 1, day));
      if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
        throw new RangeError(`invalid report date: ${date}`);
      }
      return `${month}月${day}日`;
    }
  }
  const instant = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`invalid report date: ${String(date)}`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const part = (type: 'month' | 'day'): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}月${part('day')}日`;
}
