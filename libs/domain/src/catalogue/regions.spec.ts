import { describe, expect, it } from '@jest/globals';
import { isRegion, LATEST_REGION_YEAR, REGION_TABLES, regionName, regionsFor } from './regions.js';
import { isReportingUnit, reportingUnits } from './units.js';

describe('regions (GB/T 2260, versioned)', () => {
  it('given the 2021 table, when reading it, then it has the 15 prefecture-level units of Xinjiang', () => {
    const table = REGION_TABLES[2021] ?? [];
    expect(table).toHaveLength(15);
    expect(new Set(table.map((region) => region.code)).size).toBe(15);
    expect(table.every((region) => /^65\d{4}$/.test(region.code))).toBe(true);
    expect(regionName('653100')).toBe('喀什地区');
    expect(regionName('650000')).toBe('自治区本级');
  });

  it('given a year, when asking which table is in force, then the latest table not after that year applies', () => {
    expect(regionsFor(2021)).toBe(REGION_TABLES[2021]);
    expect(regionsFor(2025)).toBe(REGION_TABLES[2021]);
    expect(regionsFor(2020)).toEqual([]);
    expect(LATEST_REGION_YEAR).toBe(2021);
  });

  it('given codes, when checking them, then only codes of that year are regions', () => {
    expect(isRegion('650100')).toBe(true);
    expect(isRegion('650100', 2022)).toBe(true);
    expect(isRegion('650100', 2019)).toBe(false);
    expect(isRegion('652100')).toBe(false); // 吐鲁番地区: became 吐鲁番市 (650400) before 2021
    expect(isRegion(650100)).toBe(false);
  });
});

describe('reporting units', () => {
  it('given 2021, when listing units, then there are 13 × 15 = 195 dept/region strings', () => {
    const units = reportingUnits();
    expect(units).toHaveLength(195);
    expect(new Set(units).size).toBe(195);
    expect(units).toContain('samr/653100');
    expect(units).toContain('pboc/650000');
    expect(units.some((unit) => unit.startsWith('joint/'))).toBe(false);
  });

  it('given strings, when checking them, then only reporting department × region pairs are units', () => {
    expect(isReportingUnit('police/650100')).toBe(true);
    expect(isReportingUnit('joint/650000')).toBe(false);
    expect(isReportingUnit('samr/650100/x')).toBe(false);
    expect(isReportingUnit('samr')).toBe(false);
    expect(isReportingUnit('samr/650100', 2020)).toBe(false);
  });
});
