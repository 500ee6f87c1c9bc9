import { describe, expect, it } from '@jest/globals';
import { indexedTable } from './catch-up-indexes.js';

describe('indexedTable', () => {
  it('given definitions as pg_get_indexdef writes them, when read, then each names its table without the schema', () => {
    const definitions = [
      'CREATE INDEX event_archive_aggregate_idx ON projection.event_archive USING btree (stream_subject, version)',
      'CREATE INDEX IF NOT EXISTS annex_rollup_region_idx ON projection.annex_rollup USING btree (campaign, region, day)',
      'CREATE INDEX t_idx ON ONLY "next"."odd name" USING btree (a)',
      'CREATE INDEX leads_key_period_idx ON leads USING btree (key_period)',
    ];

    expect(definitions.map(indexedTable)).toEqual(['event_archive', 'annex_rollup', 'odd name', 'leads']);
  });

  it('given text that is no index definition, when read, then it throws instead of guessing a table', () => {
    expect(() => indexedTable('DROP TABLE leads')).toThrow(/no table/);
  });
});
