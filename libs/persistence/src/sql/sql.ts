// Sql moved to @hub/read-models (libs/read-models/src/table/sql.ts); this path stays for the coordination repositories.
export { sqlOf, sqlOfDataSource, type Sql } from '@hub/read-models';
