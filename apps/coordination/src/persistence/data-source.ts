import type { DataSourceOptions } from 'typeorm';
import { assertSchemaName, readModelDataSourceOptions, READ_MODEL_SCHEMA } from '@hub/persistence';
import { COORDINATION_ENTITIES } from './entities/coordination.entities.js';
import { COORDINATION_MIGRATIONS } from './migrations/index.js';

/** Where the coordination service keeps its state. */
export const COORDINATION_SCHEMA = 'coordination';

/**
 * DataSource options for the coordination schema. The search path also names the read models (after
 * it), so cluster queries can join the projector's `leads` by their unqualified name.
 */
export function coordinationDataSourceOptions(
  url: string,
  options: { schema?: string; readModelSchema?: string; poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
  const schema = assertSchemaName(options.schema ?? COORDINATION_SCHEMA);
  const readModels = assertSchemaName(options.readModelSchema ?? READ_MODEL_SCHEMA);
  const base = readModelDataSourceOptions(url, { schema, poolSize: options.poolSize ?? 2, applicationName: options.applicationName ?? 'hub-coordination' });
  return { ...base, entities: COORDINATION_ENTITIES, migrations: COORDINATION_MIGRATIONS, extra: { options: `-c search_path=${schema},${readModels}` } };
}
