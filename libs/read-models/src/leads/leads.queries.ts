import { LEADS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { LeadState } from './leads.evolve.js';

const LIST = LEADS_MODEL.table.list;
const toState = LEADS_MODEL.rows.codec.fromRow;

/** `leads`: reads (the projector writes through READ_MODELS). */
export class LeadRepository {
  constructor(private readonly sql: Sql) {}

  async all(): Promise<LeadState[]> {
    return (await this.sql.query(`SELECT ${LIST} FROM leads ORDER BY unit, lead_id`)).map(toState);
  }
}
