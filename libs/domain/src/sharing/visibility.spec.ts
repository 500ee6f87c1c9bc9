import { describe, expect, it } from '@jest/globals';
import { DISTRIBUTION_LEVELS, type DistributionLevel } from '../catalogue/distribution.js';
import { distributionOf, visibilityOf, type SharingViewer, type Visibility } from './visibility.js';

/** Every record is samr's in Kashgar (653100); only its level changes. */
const record = (distribution: DistributionLevel) => ({ department: 'samr', region: '653100', distribution });

const viewers: Record<string, SharingViewer> = {
  'clerk of the same unit': { kind: 'unit', department: 'samr', region: '653100' },
  'clerk of the same line, other region': { kind: 'unit', department: 'samr', region: '650100' },
  'clerk of the same region, other department': { kind: 'unit', department: 'police', region: '653100' },
  'clerk of another department and region': { kind: 'unit', department: 'police', region: '650100' },
  'supervisor of the line': { kind: 'line', department: 'samr' },
  'supervisor of another line': { kind: 'line', department: 'police' },
  "the region's joint meeting": { kind: 'region', region: '653100' },
  "another region's joint meeting": { kind: 'region', region: '650100' },
  'joint-office coordinator': { kind: 'coordinator' },
  auditor: { kind: 'auditor' },
};

/** The expected matrix, one column per level in DISTRIBUTION_LEVELS order (unit, line, region, joint). */
const C = 'content';
const E = 'existence';
const expected: Record<string, [Visibility, Visibility, Visibility, Visibility]> = {
  'clerk of the same unit': [C, C, C, C],
  'clerk of the same line, other region': [E, C, E, C],
  'clerk of the same region, other department': [E, E, C, C],
  'clerk of another department and region': [E, E, E, C],
  'supervisor of the line': [C, C, C, C],
  'supervisor of another line': [E, E, E, C],
  "the region's joint meeting": [C, C, C, C],
  "another region's joint meeting": [E, E, E, C],
  'joint-office coordinator': [C, C, C, C],
  auditor: [C, C, C, C],
};

describe('visibilityOf (levels × roles)', () => {
  const cases = Object.entries(viewers).flatMap(([who, viewer]) =>
    DISTRIBUTION_LEVELS.map((level, index) => [who, level, viewer, expected[who]?.[index]] as const),
  );
  it.each(cases)('given the %s, when it reads a record at level %s (%o), then it sees %s', (_who, level, viewer, visibility) => {
    expect(visibility).toBeDefined();
    expect(visibilityOf(record(level), viewer)).toBe(visibility);
  });

  it('given the four levels, when listed, then they run from narrowest to widest', () => {
    expect(DISTRIBUTION_LEVELS).toEqual(['unit', 'line', 'region', 'joint']);
  });
});

describe('distributionOf', () => {
  it('given a stored level, when read, then it is kept', () => {
    expect(distributionOf('line', 'joint')).toBe('line');
  });

  it('given no level (a record from before levels), when read, then the campaign default applies', () => {
    expect(distributionOf(undefined, 'region')).toBe('region');
    expect(distributionOf(undefined)).toBe('joint');
  });

  it('given an unknown level, when read, then the campaign default applies rather than widening or failing', () => {
    expect(distributionOf('everyone', 'unit')).toBe('unit');
  });
});
