import { describe, expect, it } from '@jest/globals';
import { defineTable, key, nullable, required } from './define-table.js';
import { rowCodec } from './row-codec.js';
import { StateTableSql } from './table-sql.js';

interface Row {
  unit: string;
  itemId: string;
  status: string;
  note: string | null;
}

const ITEMS = defineTable({ name: 'items', columns: { unit: key('text'), item_id: key('text'), status: required('text'), note: nullable('text') } });
const items = new StateTableSql<Row>(ITEMS, rowCodec<Row>(ITEMS));

describe('StateTableSql.encodeWrite', () => {
  it('given only new rows, when encoded, then it replaces nothing and COPYs each row', () => {
    const write = items.encodeWrite([{ unit: 'samr/653100', itemId: 'L-1', status: 'open', note: null }], []);

    expect(write.replaced).toBeNull();
    expect(write.copy.toString()).toBe('samr/653100\tL-1\topen\t\\N\n');
  });

  it('given new and existing rows, when encoded, then it deletes the existing ones by key and COPYs all of them, new ones first', () => {
    const write = items.encodeWrite(
      [{ unit: 'samr/653100', itemId: 'L-2', status: 'open', note: 'tab\there' }],
      [
        { unit: 'samr/653100', itemId: 'L-1', status: 'closed', note: null },
        { unit: 'police/650100', itemId: 'L-1', status: 'referred', note: null },
      ],
    );

    expect(write.replaced).toEqual([
      ['samr/653100', 'police/650100'],
      ['L-1', 'L-1'],
    ]);
    expect(write.copy.toString()).toBe('samr/653100\tL-2\topen\ttab\\there\nsamr/653100\tL-1\tclosed\t\\N\npolice/650100\tL-1\treferred\t\\N\n');
  });

  it('given nothing, when encoded, then there is nothing to send', () => {
    const write = items.encodeWrite([], []);

    expect(write.replaced).toBeNull();
    expect(write.copy).toHaveLength(0);
  });
});
