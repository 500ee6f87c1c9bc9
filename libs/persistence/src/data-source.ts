import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { READ_MODEL_ENTITIES } from './entities/index.js';
import { READ_MODEL_MIGRATIONS } from './migrations/index.js';

/** The schema the live read models live in; a rebuild fills another schema and swaps it in under this name. */
export const READ_MODEL_SCHEMA = 'projection';

/** Key of the advisory lock that serialises migration runs (several services may start at once). */
const MIGRATION_LOCK = 0x6875626d; // "hubm"

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new TypeError(`not a plain lower-case schema name: "${schema}"`);
  return schema;
}

export interface ReadModelDataSourceOptions {
  /** Default {@link READ_MODEL_SCHEMA}. */
  schema?: string;
  /** Connections in the pool; default 4. */
  poolSize?: number;
  applicationName?: string;
  logging?: boolean;
}

/** pg connection settings for a raw client on the read models of `schema` (search_path set at connect). */
export function readModelClientConfig(url: string, schema: string = READ_MODEL_SCHEMA, applicationName = 'hub'): pg.ClientConfig {
  return { connectionString: url, options: `-c search_path=${assertSchemaName(schema)}`, application_name: applicationName };
}

/**
 * A TypeORM DataSource over the read models of one schema. Every connection gets `search_path=<schema>`,
 * so the repositories' SQL names tables unqualified and the same code serves the live schema and a
 * rebuild's schema; after a blue/green swap (schema rename) the next statement resolves to the new tables.
 */
export function createReadModelDataSource(url: string, options: ReadModelDataSourceOptions = {}): DataSource {
  return new DataSource(readModelDataSourceOptions(url, options));
}

/** The options behind createReadModelDataSource (e.g. for TypeOrmModule.forRootAsync). */
export function readModelDataSourceOptions(url: string, options: ReadModelDataSourceOptions = {}): DataSourceOptions {
  const schema = assertSchemaName(options.schema ?? READ_MODEL_SCHEMA);
  return {
    type: 'postgres',
    url,
    schema,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    logging: options.logging ?? false,
    poolSize: options.poolSize ?? 4,
    applicationName: options.applicationName ?? 'hub',
    extra: { options: `-c search_path=${schema}` },
  };
}

/**
 * Creates the schema when missing and runs pending migrations, one migrating process at a time. The lock
 * is held on a connection of its own, so a DataSource with a pool of one can still run its migrations.
 */
export async function migrateReadModels(dataSource: DataSource): Promise<void> {
  const schema = assertSchemaName(dataSource.driver.schema ?? READ_MODEL_SCHEMA);
  const url = (dataSource.options as { url?: string }).url;
  if (url === undefined) throw new TypeError('migrateReadModels needs a DataSource configured with a url');
  const lock = new pg.Client({ connectionString: url, application_name: 'hub-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.end(); // ends the session, which releases the lock
  }
}

/** Opens (initialises) the read-model DataSource and brings its schema up to date. */
export async function openReadModels(url: string, options: ReadModelDataSourceOptions = {}): Promise<DataSource> {
  const dataSource = createReadModelDataSource(url, options);
  await dataSource.initialize();
  try {
    await migrateReadModels(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
