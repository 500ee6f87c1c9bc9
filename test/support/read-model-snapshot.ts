import type { Sql } from '@hub/persistence';

/**
 * Every read-model row in a canonical order, without columns that legitimately differ between two
 * projections of the same log (wall-clock stamps, generated ids). Two snapshots are equal exactly when
 * the read models are.
 */
export async function readModelSnapshot(sql: Sql): Promise<Record<string, unknown[]>> {
  const q = (text: string) => sql.query(text);
  return {
    event_archive: await q('SELECT seq, id, stream_subject, type, source, time, time_text, recorded_at, data, prev_hash, hash, sig FROM event_archive ORDER BY seq'),
    leads: await q('SELECT * FROM leads ORDER BY unit, lead_id'),
    referrals: await q('SELECT * FROM referrals ORDER BY to_unit, referral_id'),
    cases: await q('SELECT * FROM cases ORDER BY unit, case_id'),
    tallies: await q('SELECT * FROM tallies ORDER BY seq'),
    annex_contributions: await q('SELECT * FROM annex_contributions ORDER BY seq, campaign, row_id'),
    annex_rollup: await q('SELECT * FROM annex_rollup ORDER BY campaign, unit, day, row_id'),
    annex_rollup_keys: await q('SELECT * FROM annex_rollup_keys ORDER BY campaign, unit, day, row_id, distinct_key'),
    annex_rollup_remarks: await q('SELECT * FROM annex_rollup_remarks ORDER BY campaign, unit, day, row_id, category'),
    projector_checkpoint: await q('SELECT name, last_seq FROM projector_checkpoint ORDER BY name'),
    projection_errors: await q('SELECT seq, stream_subject, kind, event_id, message, payload FROM projection_errors ORDER BY seq, kind'),
  };
}
