import { rowCodec } from '../table/row-codec.js';
import type { Sql } from '../table/sql.js';
import type { TallyRow } from './tallies.evolve.js';
import { TALLIES } from './tallies.table.js';

const toRow = rowCodec<TallyRow, (typeof TALLIES)['columns']>(TALLIES).fromRow;

/** `tallies`: takedowns, inspections, rectification orders and seizures, one row per event (the projector writes through READ_MODELS). */
export class TallyRepository {
  constructor(private readonly sql: Sql) {}

  async all(): Promise<TallyRow[]> {
    return (await this.sql.query(`SELECT ${TALLIES.list} FROM tallies ORDER BY seq`)).map(toRow);
  }
}
