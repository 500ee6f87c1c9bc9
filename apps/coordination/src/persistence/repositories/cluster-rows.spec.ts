import { describe, expect, it } from '@jest/globals';
import { clusterRowsOf, type ClusterEventInput } from './cluster.repository.js';

const change = (seq: number, type: ClusterEventInput['type'], clusterId: string, keys: string[], flags: Partial<ClusterEventInput> = {}): ClusterEventInput => ({
  seq,
  type,
  at: `2026-12-06T00:00:0${seq}.000Z`,
  clusterId,
  members: [`samr/${seq}`],
  keys,
  crossRegion: false,
  crossDepartment: false,
  reason: null,
  ...flags,
});

describe('clusterRowsOf: one row write per cluster for a run of changes', () => {
  it('given a formation and two growths, then formed at the first, updated and flagged as the last, with every key once', () => {
    const rows = clusterRowsOf([
      change(1, 'cluster.formed', 'c1', ['phone:1', 'shop:a']),
      change(2, 'cluster.grown', 'c1', ['shop:a']),
      change(3, 'cluster.grown', 'c1', ['url:x'], { crossRegion: true }),
    ]);
    expect(rows).toEqual([
      { clusterId: 'c1', formedAt: '2026-12-06T00:00:01.000Z', updatedAt: '2026-12-06T00:00:03.000Z', keys: ['phone:1', 'shop:a', 'url:x'], crossRegion: true, crossDepartment: false, seq: 3 },
    ]);
  });

  it('given changes of two clusters interleaved, then one row each, in first-touched order', () => {
    const rows = clusterRowsOf([change(1, 'cluster.grown', 'c2', ['k:2']), change(2, 'cluster.linked', 'c1', ['k:1']), change(3, 'cluster.grown', 'c2', ['k:3'], { crossDepartment: true })]);
    expect(rows.map((row) => [row.clusterId, row.keys, row.seq, row.crossDepartment])).toEqual([
      ['c2', ['k:2', 'k:3'], 3, true],
      ['c1', ['k:1'], 2, false],
    ]);
  });

  it('given an unlink, then it brings no key (its keys name what was cut) but moves the row to its position', () => {
    const rows = clusterRowsOf([change(1, 'cluster.grown', 'c1', ['k:1']), change(2, 'cluster.unlinked', 'c1', ['k:9'])]);
    expect(rows).toEqual([expect.objectContaining({ clusterId: 'c1', keys: ['k:1'], seq: 2, updatedAt: '2026-12-06T00:00:02.000Z' })]);
  });

  it('given no change, then no row', () => {
    expect(clusterRowsOf([])).toEqual([]);
  });
});
