import { describe, expect, it } from '@jest/globals';
import { MAX_CLUSTER_MEMBERS } from '../../events/data/coordination.dto.js';
import { LIMITS } from '../../events/rules.js';
import { deterministicEventId } from '../event-ids.js';
import { BatchedGrowths } from './batched-growths.js';
import type { ClusterFinding } from './types.js';

type Grown = Extract<ClusterFinding, { type: 'cluster.grown' }>;

function grown(clusterId: string, position: number, members: string[], keys: string[], crossDepartment = true): Grown {
  const key = `cluster.grown/${clusterId}/0/${position}`;
  return { id: deterministicEventId(key), key, type: 'cluster.grown', subject: `cluster/${clusterId}`, data: { clusterId, crossRegion: true, crossDepartment, members, keys } };
}

describe('BatchedGrowths', () => {
  it('given growths of two clusters interleaved, when taken, then one event per cluster holds its members in order, the keys first seen first, the flags and time of its last growth, named after its first growth, in the order of the last growths', () => {
    const batch = new BatchedGrowths();
    batch.add(grown('X', 2, ['samr/1/lead/a'], ['phone:1'], false), 't1');
    batch.add(grown('Y', 3, ['samr/1/lead/b'], ['phone:9']), 't2');
    batch.add(grown('X', 4, ['police/2/lead/c', 'cac/3/lead/d'], ['domain:x.cn', 'phone:1']), 't3');

    const taken = batch.take();
    expect(taken.map(({ finding, time }) => [finding.key, finding.id === deterministicEventId(finding.key), finding.data, time])).toEqual([
      ['cluster.grown/Y/0/3', true, { clusterId: 'Y', crossRegion: true, crossDepartment: true, members: ['samr/1/lead/b'], keys: ['phone:9'] }, 't2'],
      ['cluster.grown/X/0/2', true, { clusterId: 'X', crossRegion: true, crossDepartment: true, members: ['samr/1/lead/a', 'police/2/lead/c', 'cac/3/lead/d'], keys: ['phone:1', 'domain:x.cn'] }, 't3'],
    ]);
    expect(batch.size).toBe(0);
    expect(batch.take()).toEqual([]);
  });

  it('given growths with more members than one event holds, when taken, then the growth that does not fit starts the next event, named after it, and each event goes at its last growth', () => {
    const batch = new BatchedGrowths();
    const many = Array.from({ length: MAX_CLUSTER_MEMBERS + 1 }, (_, i) => `samr/1/lead/m${i}`);
    batch.add(grown('X', 7, many.slice(0, 600), ['phone:1']), 't1');
    batch.add(grown('Y', 8, ['police/2/lead/y'], ['phone:9']), 't2');
    batch.add(grown('X', 607, many.slice(600), ['phone:1']), 't3');
    const taken = batch.take();
    expect(taken.map(({ finding, time }) => [finding.key, finding.data.members.length, time])).toEqual([
      ['cluster.grown/X/0/7', 600, 't1'],
      ['cluster.grown/Y/0/8', 1, 't2'],
      ['cluster.grown/X/0/607', 401, 't3'],
    ]);
    expect(taken.filter(({ finding }) => finding.data.clusterId === 'X').flatMap(({ finding }) => finding.data.members)).toEqual(many);
    expect(new Set(taken.map(({ finding }) => finding.id)).size).toBe(3);
  });

  it('given growths bringing more keys than an event carries, when taken in one batch or in two, then no key is dropped: the events name every key the growths matched', () => {
    const growths = Array.from({ length: LIMITS.entities + 10 }, (_, i) => grown('X', i, [`samr/1/lead/m${i}`], [`phone:${i}`, 'phone:0']));
    const all = Array.from({ length: LIMITS.entities + 10 }, (_, i) => `phone:${i}`);
    const keysOf = (events: ReturnType<BatchedGrowths['take']>): string[] => [...new Set(events.flatMap(({ finding }) => finding.data.keys))].sort();

    const one = new BatchedGrowths();
    for (const growth of growths) one.add(growth, 't');
    const events = one.take();
    expect(events.map(({ finding }) => [finding.key, finding.data.members.length, finding.data.keys.length])).toEqual([
      ['cluster.grown/X/0/0', LIMITS.entities, LIMITS.entities],
      [`cluster.grown/X/0/${LIMITS.entities}`, 10, 11],
    ]);
    expect(keysOf(events)).toEqual([...all].sort());

    const split = new BatchedGrowths();
    const taken: ReturnType<BatchedGrowths['take']> = [];
    growths.forEach((growth, i) => {
      split.add(growth, 't');
      if (i === 104) taken.push(...split.take());
    });
    taken.push(...split.take());
    expect(keysOf(taken)).toEqual(keysOf(events));
  });
});
