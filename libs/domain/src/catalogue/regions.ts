/**
 * Regions are GB/T 2260 administrative division codes. The table is versioned by year because codes
 * change (prefectures are merged, renamed or promoted): an event is checked against the table in
 * force in the year it happened, so replaying 2021 events stays valid after a 2023 table is added.
 */
export interface Region {
  /** Six-digit GB/T 2260 code, as a string (leading digits matter, never arithmetic). */
  readonly code: string;
  readonly name: string;
}

const XINJIANG_2021: readonly Region[] = [
  // 自治区本级: the autonomous-region level departments report as their own unit.
  { code: '650000', name: '自治区本级' },
  { code: '650100', name: '乌鲁木齐市' },
  { code: '650200', name: '克拉玛依市' },
  { code: '650400', name: '吐鲁番市' },
  { code: '650500', name: '哈密市' },
  { code: '652300', name: '昌吉回族自治州' },
  { code: '652700', name: '博尔塔拉蒙古自治州' },
  { code: '652800', name: '巴音郭楞蒙古自治州' },
  { code: '652900', name: '阿克苏地区' },
  { code: '653000', name: '克孜勒苏柯尔克孜自治州' },
  { code: '653100', name: '喀什地区' },
  { code: '653200', name: '和田地区' },
  { code: '654000', name: '伊犁哈萨克自治州' },
  { code: '654200', name: '塔城地区' },
  { code: '654300', name: '阿勒泰地区' },
];

/** Key = first year the table is in force; a table stays in force until a later key replaces it. */
export const REGION_TABLES: Readonly<Record<number, readonly Region[]>> = {
  2021: XINJIANG_2021,
};

/** The table years in ascending order. */
const TABLE_YEARS: readonly number[] = Object.keys(REGION_TABLES)
  .map(Number)
  .sort((a, b) => a - b);

/** The latest table year; callers that cannot tell the event's year use it. */
export const LATEST_REGION_YEAR: number = TABLE_YEARS[TABLE_YEARS.length - 1] ?? 2021;

/**
 * The regions in force in `year`: the latest table whose year is ≤ `year`. Years before the first
 * table have no regions (the hub holds no data from then), so every code is rejected.
 */
export function regionsFor(year: number): readonly Region[] {
  let found: readonly Region[] = [];
  for (const tableYear of TABLE_YEARS) {
    if (tableYear > year) break;
    found = REGION_TABLES[tableYear] ?? found;
  }
  return found;
}

// Code lookups per table, built once; validation runs per event field.
const codeSets = new Map<readonly Region[], ReadonlyMap<string, Region>>();
function lookup(year: number): ReadonlyMap<string, Region> {
  const table = regionsFor(year);
  let map = codeSets.get(table);
  if (!map) {
    map = new Map(table.map((region) => [region.code, region]));
    codeSets.set(table, map);
  }
  return map;
}

export function isRegion(code: unknown, year: number = 2021): code is string {
  return typeof code === 'string' && lookup(year).has(code);
}

/** The region's Chinese name in `year`, or undefined when the code is not in that year's table. */
export function regionName(code: string, year: number = 2021): string | undefined {
  return lookup(year).get(code)?.name;
}
