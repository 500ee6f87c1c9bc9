import type { AnnexPeriod } from '@hub/domain';

/** The local date `days` after 2021-08-25 (a few days before the 2021 campaign). */
function campaignDate(days: number): string {
  return new Date(Date.UTC(2021, 7, 25) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` annex periods drawn across the 2021 campaign and a few days either side, up to ~100 days long:
 * the rollup reads a period's whole months per month and the days around them per day, so the draws land
 * on every split (no whole month, one, several, periods ending on month edges).
 */
export function drawnPeriods(random: () => number, count: number): AnnexPeriod[] {
  return Array.from({ length: count }, () => {
    const first = Math.floor(random() * 120);
    const longest = random() < 0.5 ? 100 : 40;
    return { from: campaignDate(first), to: campaignDate(first + Math.floor(random() * longest)) };
  });
}
