import { describe, expect, it } from '@jest/globals';
import { decideAppend, type AppendCommand } from './decide-append.js';

const context = { source: 'samr/653100', recordedAt: '2021-10-08T01:31:00.000Z' };
const command = (expectedVersion?: number): AppendCommand => ({
  id: '0190f0a1-7c2e-7000-8000-000000000001',
  type: 'lead.reported',
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  data: { summary: 'x' },
  ...(expectedVersion === undefined ? {} : { expectedVersion }),
});

describe('decideAppend', () => {
  it('given a new aggregate, when an event arrives, then it becomes version 1 with no previous hash', () => {
    const decision = decideAppend(undefined, command(), context);
    expect(decision).toMatchObject({ kind: 'append', event: { version: 1, prevHash: null, source: 'samr/653100' } });
  });

  it('given an aggregate at version 3, when an event arrives, then it is version 4 chained to the head hash', () => {
    const decision = decideAppend({ version: 3, hash: 'h3' }, command(), context);
    expect(decision).toMatchObject({ kind: 'append', event: { version: 4, prevHash: 'h3' } });
  });

  it('given expectedVersion 0 on a new aggregate, when decided, then it appends', () => {
    expect(decideAppend(undefined, command(0), context).kind).toBe('append');
  });

  it('given a stale expectedVersion, when decided, then it is a conflict carrying the current version', () => {
    expect(decideAppend({ version: 2, hash: 'h2' }, command(1), context)).toEqual({
      kind: 'conflict',
      expectedVersion: 1,
      currentVersion: 2,
    });
  });

  it('given expectedVersion 0 on an existing aggregate, when decided, then it is a conflict', () => {
    expect(decideAppend({ version: 1, hash: 'h1' }, command(0), context)).toMatchObject({ kind: 'conflict', currentVersion: 1 });
  });
});
